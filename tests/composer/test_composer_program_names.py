"""Every subject name the program vocabulary offers reads back as itself (the planner's grammar is built on it)."""
from svgllm.backends.composer.program import from_program, to_program, vocabulary


def test_every_subject_name_round_trips():
    v = vocabulary()
    broken = []
    for kind in ("object", "garment", "shape"):
        for name in v.names(kind):
            program = f"{kind} {name}\nend"
            if to_program(from_program(program)) != program:
                broken.append(program.split("\n")[0])
    assert broken == []


def test_a_motif_the_lookup_redirects_is_named_by_its_target():
    objects = vocabulary().objects
    assert "person-standing" in objects and "person" not in objects
    assert "bowl" in objects  # a procedural subject keeps its own name whatever the motif lookup says
