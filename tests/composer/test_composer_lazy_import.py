"""Importing the composer reads none of its data files: the word tables load on first use."""
import subprocess
import sys

PROBE = """
import json, pathlib
read = []
original = pathlib.Path.read_text
def recording(self, *args, **kwargs):
    read.append(self.name)
    return original(self, *args, **kwargs)
pathlib.Path.read_text = recording
import svgllm.backends.composer as composer
at_import = list(read)
composer.parse("a red fox in a snowy forest")
print(json.dumps([at_import, read]))
"""


def test_word_tables_load_on_first_parse_not_at_import():
    import json

    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True)
    at_import, after_parse = json.loads(done.stdout.strip().splitlines()[-1])
    assert at_import == []
    assert "composer_vocab.json" in after_parse  # the probe does see the reads it is looking for
