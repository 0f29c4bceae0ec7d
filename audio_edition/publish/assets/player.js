// audio-edition player: the script of the player page and of the embed, a file of its
// own beside both, so that they run under a Content-Security-Policy of default-src
// 'self'; it needs no network. What only one page has is looked for, not assumed.
// Its words are the page's (the body's data-words): the episode's language, or English.
(function () {
  "use strict";
  const $ = id => document.getElementById(id);
  const audio = $("audio");
  const play = $("play");
  const status = $("status");
  const time = $("time");
  const speed = $("speed");
  const seekBar = $("seek");
  const follow = $("follow");
  const chapterButtons = Array.from(document.querySelectorAll(".chapters button[data-start]"));
  const chapters = chapterButtons.map(b => ({ start: parseFloat(b.dataset.start), title: b.dataset.title, button: b }));
  const utterances = Array.from(document.querySelectorAll(".utterance[data-start]"));
  const STEP = 5;  // seconds an arrow key moves the position slider
  const words = JSON.parse(document.body.dataset.words);
  const units = ["hour", "minute", "second"].map(unit =>
    new Intl.NumberFormat(words.locale, { style: "unit", unit: unit, unitDisplay: "long" }));
  const decimal = new Intl.NumberFormat(words.locale);
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

  function length() {
    return isFinite(audio.duration) ? audio.duration : parseFloat(seekBar.max);
  }
  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds || 0));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + r : m + ":" + r;
  }
  // "4 minutes 10 seconds", "4 minuty 10 sekund": what a screen reader says of a time
  // (the browser's CLDR plurals, as the page's own were written)
  function inWords(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const counts = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
    const said = counts.map((n, i) => n ? units[i].format(n) : "").filter(Boolean);
    return said.join(" ") || units[2].format(0);
  }
  // a text of the page's words with its {names} filled in
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, name) => name in values ? values[name] : whole);
  }
  function say(text) { status.textContent = text; }
  function chapterAt(t) {
    let found = 0;
    chapters.forEach((c, i) => { if (c.start <= t + 0.05) found = i; });
    return found;
  }
  function seek(t) {
    audio.currentTime = Math.max(0, Math.min(t, length()));
  }
  function goToChapter(index) {
    if (index < 0 || index >= chapters.length) return;
    seek(chapters[index].start);
    say(fill(words.chapter_of, { number: index + 1, count: chapters.length, title: chapters[index].title }));
  }
  function toggle() {
    if (audio.paused) { audio.play(); } else { audio.pause(); }
  }
  function setSpeed(value) {
    audio.playbackRate = value;
    audio.preservesPitch = true;
    speed.value = String(value);
    say(fill(words.speed_said, { speed: decimal.format(value) }));
  }

  // The position slider. Its value in words is the whole ("4 minutes 10 seconds of 12
  // minutes") on load and when focus comes or goes; a move made with a key says the new
  // time alone, and the chapter when the move enters another. While it has focus and
  // the audio plays it stands still: a screen reader would read every second out.
  function showTime() {
    time.textContent = clock(audio.currentTime) + " / " + clock(Math.round(length()));
  }
  function showPosition(said) {
    showTime();
    seekBar.max = length().toFixed(3);
    seekBar.value = audio.currentTime;
    seekBar.setAttribute("aria-valuetext", said);
  }
  function wholePosition() {
    showPosition(fill(words.position_of, { position: inWords(audio.currentTime), length: inWords(Math.round(length())) }));
  }
  function moveTo(t) {
    const before = chapterAt(audio.currentTime);
    seek(t);
    const after = chapterAt(audio.currentTime);
    const said = inWords(audio.currentTime);
    showPosition(after !== before && chapters.length ? said + ", " + chapters[after].title : said);
  }
  function nextMark(t) {
    const later = chapters.map(c => c.start).filter(s => s > t + 0.5);
    return later.length ? later[0] : length();
  }
  function previousMark(t) {
    // as the previous chapter button does: the start of this chapter, unless that is
    // under 3 seconds back, then the one before
    const earlier = [0].concat(chapters.map(c => c.start)).filter(s => s < t - 3);
    return earlier.length ? earlier[earlier.length - 1] : 0;
  }
  function marks() {
    const track = seekBar.parentNode.querySelector(".marks");
    track.textContent = "";
    chapters.slice(1).forEach(c => {
      const mark = document.createElement("span");
      mark.style.left = (100 * c.start / length()).toFixed(3) + "%";
      track.appendChild(mark);
    });
  }
  seekBar.addEventListener("keydown", event => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const t = audio.currentTime;
    const targets = {
      ArrowRight: t + STEP, ArrowUp: t + STEP, ArrowLeft: t - STEP, ArrowDown: t - STEP,
      PageUp: nextMark(t), PageDown: previousMark(t), Home: 0, End: length(),
    };
    if (!(event.key in targets)) return;
    event.preventDefault();
    moveTo(targets[event.key]);
  });
  seekBar.addEventListener("input", () => moveTo(parseFloat(seekBar.value)));  // a pointer
  seekBar.addEventListener("focus", wholePosition);
  seekBar.addEventListener("blur", wholePosition);

  play.addEventListener("click", toggle);
  // what a jump did is what its button is named ("Back 15 seconds")
  $("back").addEventListener("click", () => { seek(audio.currentTime - 15); say($("back").textContent); });
  $("forward").addEventListener("click", () => { seek(audio.currentTime + 15); say($("forward").textContent); });
  speed.addEventListener("change", () => setSpeed(parseFloat(speed.value)));
  chapterButtons.forEach((b, i) => b.addEventListener("click", () => goToChapter(i)));

  // Previous and next chapter: buttons on the player page, shortcuts on both pages.
  function previousChapter() {
    if (!chapters.length) return;
    const here = chapterAt(audio.currentTime);
    goToChapter(audio.currentTime - chapters[here].start > 3 ? here : here - 1);
  }
  function nextChapter() {
    if (chapters.length) goToChapter(chapterAt(audio.currentTime) + 1);
  }
  const previous = $("previous"), next = $("next");
  if (previous && next) {
    previous.addEventListener("click", previousChapter);
    next.addEventListener("click", nextChapter);
  }
  document.querySelectorAll(".utterance .seek").forEach(b => b.addEventListener("click", () => {
    seek(parseFloat(b.closest(".utterance").dataset.start));
    if (audio.paused) audio.play();
  }));
  const copy = $("copy-snippet"), snippet = $("snippet");
  if (copy) {
    copy.addEventListener("click", () => {
      const copied = navigator.clipboard ? navigator.clipboard.writeText(snippet.value) : Promise.reject();
      copied.then(() => say(words.code_copied), () => {
        snippet.select();  // where the clipboard is not ours to write, Ctrl+C copies it
        say(words.code_selected);
      });
    });
  }
  // The embed's chapter menu: a modal dialog, so focus stays in it and Escape closes it;
  // focus opens on the chapter being played and goes back to the menu's button.
  const menu = $("chapter-menu"), opener = $("chapters-open");
  if (menu && opener) {
    opener.addEventListener("click", () => {
      menu.showModal();
      chapterButtons[chapterAt(audio.currentTime)].focus();
    });
    $("chapters-close").addEventListener("click", () => menu.close());
    chapterButtons.forEach(b => b.addEventListener("click", () => menu.close()));
    menu.addEventListener("close", () => opener.focus());
  }
  if (follow) {
    follow.addEventListener("change", () => {
      if (!follow.checked && spoken) { spoken.classList.remove("speaking"); spoken = null; }
      say(follow.checked ? words.highlighting_on : words.highlighting_off);
    });
  }

  audio.addEventListener("play", () => { play.textContent = words.pause; say(words.playing); });
  audio.addEventListener("pause", () => { play.textContent = words.play; say(words.paused); });
  audio.addEventListener("durationchange", marks);  // a browser may refine an MP3's length
  audio.addEventListener("loadedmetadata", () => {
    marks();
    showTime();
    if (document.activeElement !== seekBar) wholePosition();
  });
  audio.addEventListener("timeupdate", () => {
    const t = audio.currentTime;
    showTime();
    if (document.activeElement !== seekBar) wholePosition();
    const index = chapterAt(t);
    if (chapters.length && index !== current) {
      if (current >= 0) chapterButtons[current].removeAttribute("aria-current");
      chapterButtons[index].setAttribute("aria-current", "true");
      current = index;
    }
    if (!follow || !follow.checked) return;
    const now = utterances.find(u => parseFloat(u.dataset.start) <= t && t < parseFloat(u.dataset.end));
    if (now !== spoken) {
      if (spoken) spoken.classList.remove("speaking");
      if (now) now.classList.add("speaking");
      spoken = now || null;
    }
  });
  marks();

  // The player page's controls stay on screen as it scrolls: what gets focus is
  // scrolled clear of them, never under them.
  const sticky = document.querySelector(".player");
  if (sticky && getComputedStyle(sticky).position === "sticky") {
    const clear = () => { document.documentElement.style.scrollPaddingTop = (sticky.offsetHeight + 8) + "px"; };
    clear();
    window.addEventListener("resize", clear);
  }

  // Shortcuts use Alt+Shift, so they never take a key from a screen reader or a browser.
  const keys = {
    KeyP: toggle,
    KeyB: () => $("back").click(),
    KeyF: () => $("forward").click(),
    KeyJ: previousChapter,
    KeyK: nextChapter,
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
