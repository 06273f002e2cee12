"""The program grammar accepts exactly the programs `from_program` reads (fuzzed), and completes any prefix."""
from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from svgllm.backends.composer.program import ProgramError, from_program, to_program
from svgllm.backends.llm.grammar import DONE
from svgllm.backends.llm.program_grammar import ProgramGrammar

pytest.importorskip("regex")
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.lru_cache(maxsize=1)
def grammar() -> ProgramGrammar:
    return ProgramGrammar()


@functools.lru_cache(maxsize=1)
def valid_programs() -> tuple[str, ...]:
    """Programs of every kind, sampled by the training-pair generator (which builds them from the vocabulary)."""
    from dataset_build.planner_pairs import Lexicon, Sampler

    sampler = Sampler(Lexicon(), seed=7)
    programs = {sampler.pair()[1] for _ in range(400)}
    programs |= {"end", "object cat\nobject dog\nobject table\nrelation 0 on 2\nrelation 1 beside 0\n"
                        "relation 2 in setting\nend"}
    return tuple(sorted(programs))


def parses(text: str) -> bool:
    try:
        from_program(text)
    except ProgramError:
        return False
    return True


def test_valid_programs_are_accepted_and_every_prefix_is_viable():
    g = grammar()
    for program in valid_programs():
        assert g.accepts(program), program
        state = g.initial()
        for index, ch in enumerate(program):
            state = g.step(state, ch)
            assert state is not None, (program[:index + 1], program)
            assert (state.mode == DONE) == (index == len(program) - 1)
        assert g.feed(state, "\n") is None  # nothing follows a complete program


def mutate(program: str, position: int, action: int, ch: str) -> str:
    position %= len(program) + 1
    if action == 0:
        return program[:position] + ch + program[position:]
    if action == 1:
        return program[:position] + program[position + 1:]
    return program[:position] + ch + program[position + 1:]


@FUZZ
@given(st.integers(0, 10_000), st.integers(0, 400), st.integers(0, 2),
       st.sampled_from(list("abcdefxz019 #-_\n") + ["end", "object ", "relation 0 on 1\n", "\nend"]))
def test_mutated_programs_are_accepted_exactly_when_they_parse(index, position, action, piece):
    programs = valid_programs()
    text = mutate(programs[index % len(programs)], position, action, piece)
    assert grammar().accepts(text) == parses(text), repr(text)


@FUZZ
@given(st.text(alphabet="abcdeghilmnorstwxy0123 #\n", max_size=40))
def test_random_text_is_accepted_exactly_when_it_parses(text):
    assert grammar().accepts(text) == parses(text)


@FUZZ
@given(st.integers(0, 10_000), st.integers(0, 400))
def test_closing_completes_any_viable_prefix_into_a_program(index, cut):
    g = grammar()
    programs = valid_programs()
    program = programs[index % len(programs)]
    prefix = program[:cut % (len(program) + 1)]
    state = g.feed(g.initial(), prefix)
    completed = prefix + g.closing(state)
    assert g.accepts(completed) and parses(completed)
    assert to_program(from_program(completed)) == completed


def test_every_piece_of_a_valid_program_can_occur():
    """`piece_can_occur` may keep too much, never too little: the planner's cut output head relies on it."""
    from svgllm.backends.composer.program import vocabulary
    from svgllm.backends.llm.program_grammar import piece_can_occur

    for program in valid_programs():
        for start in range(len(program)):
            for end in range(start + 1, min(len(program), start + 16) + 1):
                assert piece_can_occur(program[start:end]), (program[start:end], program)
    v = vocabulary()
    for kind in ("object", "garment", "shape"):
        for name in v.names(kind):  # names with digits too ("pool-8-ball", "1st-place-medal")
            assert piece_can_occur(f" {name}\n") and piece_can_occur(f"{kind} {name} #")


@pytest.mark.parametrize("piece", ["<svg", "Fox", " qqqz", "fox(", "é", "a\tb", "", "#ff00zz", "x1a", "{"])
def test_pieces_no_program_contains_are_refused(piece):
    from svgllm.backends.llm.program_grammar import piece_can_occur

    assert not piece_can_occur(piece)


@FUZZ
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789#- \n", min_size=1, max_size=8))
def test_a_refused_piece_is_in_no_valid_program(piece):
    from svgllm.backends.llm.program_grammar import piece_can_occur

    if not piece_can_occur(piece):
        assert not any(piece in program for program in valid_programs())
