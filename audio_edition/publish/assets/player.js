// audio-edition player page. Works from file:// and over HTTP, needs no network.
(function () {
  "use strict";
  const audio = document.getElementById("audio");
  const play = document.getElementById("play");
  const status = document.getElementById("status");
  const time = document.getElementById("time");
  const speed = document.getElementById("speed");
  const follow = document.getElementById("follow");
  const chapterButtons = Array.from(document.querySelectorAll(".chapters button[data-start]"));
  const chapters = chapterButtons.map(b => ({ start: parseFloat(b.dataset.start), title: b.dataset.title, button: b }));
  const utterances = Array.from(document.querySelectorAll(".utterance[data-start]"));
  let spoken = null;
  let current = -1;

  audio.preservesPitch = true;

  // "#t=83.2" (a media fragment, as the listening check's report links) opens at that moment
  function fromFragment() {
    const match = /^#t=(\d+(?:\.\d+)?)$/.exec(window.location.hash);
    if (!match) return;
    const start = parseFloat(match[1]);
    if (audio.readyState >= 1) { audio.currentTime = start; }
    else { audio.addEventListener("loadedmetadata", () => { audio.currentTime = start; }, { once: true }); }
  }
  fromFragment();
  window.addEventListener("hashchange", fromFragment);

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds || 0));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + r : m + ":" + r;
  }
  function say(text) { status.textContent = text; }
  function chapterAt(t) {
    let found = 0;
    chapters.forEach((c, i) => { if (c.start <= t + 0.05) found = i; });
    return found;
  }
  function seek(t) {
    audio.currentTime = Math.max(0, Math.min(t, audio.duration || t));
  }
  function goToChapter(index) {
    if (index < 0 || index >= chapters.length) return;
    seek(chapters[index].start);
    say("Chapter " + (index + 1) + " of " + chapters.length + ": " + chapters[index].title);
  }
  function toggle() {
    if (audio.paused) { audio.play(); } else { audio.pause(); }
  }
  function setSpeed(value) {
    audio.playbackRate = value;
    audio.preservesPitch = true;
    speed.value = String(value);
    say("Speed " + value + " times");
  }

  play.addEventListener("click", toggle);
  document.getElementById("back").addEventListener("click", () => { seek(audio.currentTime - 15); say("Back 15 seconds"); });
  document.getElementById("forward").addEventListener("click", () => { seek(audio.currentTime + 15); say("Forward 15 seconds"); });
  document.getElementById("previous").addEventListener("click", () => {
    const here = chapterAt(audio.currentTime);
    goToChapter(audio.currentTime - chapters[here].start > 3 ? here : here - 1);
  });
  document.getElementById("next").addEventListener("click", () => goToChapter(chapterAt(audio.currentTime) + 1));
  speed.addEventListener("change", () => setSpeed(parseFloat(speed.value)));
  chapterButtons.forEach((b, i) => b.addEventListener("click", () => goToChapter(i)));
  document.querySelectorAll(".utterance .seek").forEach(b => b.addEventListener("click", () => {
    seek(parseFloat(b.closest(".utterance").dataset.start));
    if (audio.paused) audio.play();
  }));
  follow.addEventListener("change", () => {
    if (!follow.checked && spoken) { spoken.classList.remove("speaking"); spoken = null; }
    say(follow.checked ? "Highlighting on" : "Highlighting off");
  });

  audio.addEventListener("play", () => { play.textContent = "Pause"; say("Playing"); });
  audio.addEventListener("pause", () => { play.textContent = "Play"; say("Paused"); });
  audio.addEventListener("loadedmetadata", () => { time.textContent = clock(0) + " / " + clock(audio.duration); });
  audio.addEventListener("timeupdate", () => {
    const t = audio.currentTime;
    time.textContent = clock(t) + " / " + clock(audio.duration);
    const index = chapterAt(t);
    if (index !== current) {
      if (current >= 0) chapterButtons[current].removeAttribute("aria-current");
      chapterButtons[index].setAttribute("aria-current", "true");
      current = index;
    }
    if (!follow.checked) return;
    const now = utterances.find(u => parseFloat(u.dataset.start) <= t && t < parseFloat(u.dataset.end));
    if (now !== spoken) {
      if (spoken) spoken.classList.remove("speaking");
      if (now) now.classList.add("speaking");
      spoken = now || null;
    }
  });

  // Shortcuts use Alt+Shift, so they never take a key from a screen reader or a browser.
  const keys = {
    KeyP: toggle,
    KeyB: () => document.getElementById("back").click(),
    KeyF: () => document.getElementById("forward").click(),
    KeyJ: () => document.getElementById("previous").click(),
    KeyK: () => document.getElementById("next").click(),
    KeyS: () => {
      const options = Array.from(speed.options).map(o => parseFloat(o.value));
      setSpeed(options[(options.indexOf(audio.playbackRate) + 1) % options.length]);
    },
  };
  document.addEventListener("keydown", event => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    const action = keys[event.code];
    if (action) { event.preventDefault(); action(); }
  });
})();
