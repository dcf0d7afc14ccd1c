"""Load and validate the rules files (`rules/*.yaml`): topics with their measures, and actors.

Every file is checked against a strict schema (unknown keys, wrong types, YAML 1.1 booleans
such as `no` where a word was meant, duplicate ids); all problems of all files are reported
at once, with file and line, before any article is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, ValidationError

from .errors import RulesError
from .pipes.numbers import fold

SCHEMA_VERSION = 1
Kind = Literal["money", "count", "percent"]
Severity = Literal["conflict", "review", "info"]
Id = Field(pattern=r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class MeasureSpec(_Strict):
    """Which claims of a topic are the same figure, and how far apart they may be."""

    id: StrictStr = Id
    label: StrictStr | None = None
    kind: Kind
    units: list[StrictStr] = []
    cues: list[StrictStr] = []
    tolerance: StrictFloat | StrictInt = Field(default=0.0, ge=0, le=1)
    severity: Severity = "conflict"
    related_severity: Severity | None = "review"
    # true: the nouns of `units` name one thing ("manifestant", "personne"), compared as one unit
    units_equivalent: bool = False


class TopicSpec(_Strict):
    id: StrictStr = Id
    label: StrictStr
    aliases: list[StrictStr] = Field(min_length=1)
    measures: list[MeasureSpec] = []


class ActorSpec(_Strict):
    name: StrictStr
    aliases: list[StrictStr] = []


class SuppressionSpec(_Strict):
    """A discrepancy a reviewer marked as a false alarm."""

    id: StrictStr = Field(pattern=r"^[0-9a-f]{12}$")
    reason: StrictStr = Field(min_length=3)


class ExchangeRatesSpec(_Strict):
    """Optional: compare amounts in different currencies, converted at these rates."""

    base: StrictStr = Field(pattern=r"^[A-Z]{3}$")
    date: dt.date | StrictStr | None = None  # when the rates were read, for the explanation
    # 1 unit of the currency = rate x base
    rates: dict[Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")], Annotated[StrictFloat | StrictInt, Field(gt=0)]]


class RulesFile(_Strict):
    schema_version: Literal[1]
    topic: TopicSpec | None = None
    generic_measures: list[MeasureSpec] | None = None
    actors: list[ActorSpec] | None = None
    suppressions: list[SuppressionSpec] | None = None
    exchange_rates: ExchangeRatesSpec | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure with its cue patterns compiled."""

    spec: MeasureSpec
    cue_patterns: tuple[re.Pattern, ...]

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic with its alias patterns compiled, and the file it came from."""

    spec: TopicSpec
    patterns: tuple[re.Pattern, ...]
    measures: tuple[Measure, ...]
    path: str

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything the rules define: topics, and actor aliases (folded alias -> canonical name)."""

    topics: tuple[Topic, ...]
    actor_aliases: dict[str, str]
    files: tuple[str, ...]
    suppressions: dict[str, str] = field(default_factory=dict)  # discrepancy id -> reason
    generic: tuple[Measure, ...] = ()  # measures for figures of no topic, compared within a story
    exchange_rates: ExchangeRatesSpec | None = None

    def to_base(self, currency: str | None) -> float | None:
        """How many base-currency units one unit of `currency` is worth, or None."""
        table = self.exchange_rates
        if table is None or currency is None:
            return None
        if currency == table.base:
            return 1.0
        rate = table.rates.get(currency)
        return float(rate) if rate is not None else None

    def canonical_actor(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self.actor_aliases.get(_fold_name(name), name)


def compile_alias(alias: str) -> re.Pattern:
    """A case- and accent-insensitive pattern for a phrase; `*` ends a word freely.

    Matched against `fold(text)`, so "Giga-usines d’IA" matches the alias "giga-usine* d'IA".
    """
    parts = []
    for word in fold(alias).split():
        parts.append(re.escape(word).replace(r"\*", r"[\w-]*"))
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])")


def load_rules(path: str | Path, suppress: list[str | Path] = ()) -> RuleSet:
    """Load every `*.yaml` file of a folder (or one file), plus suppressions files given apart;
    raise RulesError listing all problems."""
    root = Path(path)
    if not root.exists():
        raise RulesError([f"{root}: the rules folder does not exist; pass --rules DIR or create it"])
    files = sorted(root.glob("*.yaml")) + sorted(root.glob("*.yml")) if root.is_dir() else [root]
    if not files:
        raise RulesError([f"{root}: no rules files (*.yaml) in this folder"])
    problems: list[str] = []
    for extra in suppress:
        if not Path(extra).is_file():
            problems.append(f"{extra}: the suppressions file does not exist")
        else:
            files.append(Path(extra))
    suppressions: dict[str, str] = {}
    generic: list[Measure] = []
    exchange_rates: ExchangeRatesSpec | None = None
    topics: list[Topic] = []
    actor_aliases: dict[str, str] = {}
    alias_origin: dict[str, str] = {}
    topic_origin: dict[str, str] = {}
    for file in files:
        parsed = _load_file(file, problems)
        if parsed is None:
            continue
        if parsed.topic is not None:
            topic = _compile_topic(parsed.topic, file, problems)
            if topic.id in topic_origin:
                problems.append(f"{file}: topic id '{topic.id}' is already defined in {topic_origin[topic.id]}")
            else:
                topic_origin[topic.id] = str(file)
                topics.append(topic)
        for spec in parsed.generic_measures or []:
            if any(m.id == spec.id for m in generic):
                problems.append(f"{file}: generic measure id '{spec.id}' is already used")
            if spec.kind == "count" and not spec.units:
                problems.append(f"{file}: generic measure '{spec.id}': a count measure needs 'units'")
            generic.append(Measure(spec, tuple(_compile_all(spec.cues, f"{file}: measure '{spec.id}' cue", problems))))
        if parsed.exchange_rates is not None:
            if exchange_rates is not None:
                problems.append(f"{file}: exchange rates are already defined in another file")
            exchange_rates = parsed.exchange_rates
        for item in parsed.suppressions or []:
            if item.id in suppressions:
                problems.append(f"{file}: discrepancy '{item.id}' is suppressed twice")
            suppressions[item.id] = item.reason
        for actor in parsed.actors or []:
            for alias in [actor.name, *actor.aliases]:
                key = _fold_name(alias)
                previous = actor_aliases.get(key)
                if previous is not None and previous != actor.name:
                    problems.append(
                        f"{file}: actor alias '{alias}' names both '{previous}' ({alias_origin[key]}) "
                        f"and '{actor.name}'; an alias must name one actor"
                    )
                    continue
                actor_aliases[key] = actor.name
                alias_origin[key] = str(file)
    if problems:
        raise RulesError(problems)
    return RuleSet(tuple(topics), actor_aliases, tuple(str(f) for f in files), suppressions, tuple(generic), exchange_rates)


def _load_file(file: Path, problems: list[str]) -> RulesFile | None:
    try:
        text = file.read_text(encoding="utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{file}: cannot be read: {exc}")
        return None
    except yaml.YAMLError as exc:
        problems.append(f"{file}: not valid YAML: {' '.join(str(exc).split())}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{file}: expected a mapping with schema_version and topic or actors, got {type(data).__name__}")
        return None
    try:
        parsed = RulesFile.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            where = _format_loc(loc)
            line = _line_of(node, loc)
            got = error.get("input")
            got_text = f", got {got!r}" if not isinstance(got, (dict, list)) else ""
            hint = ""
            if isinstance(got, bool):
                hint = " (YAML reads yes/no/on/off as booleans: quote the word)"
            elif isinstance(got, (int, float)) and error["type"] == "string_type":
                hint = " (YAML read it as a number: quote it)"
            problems.append(f"{file}{f':{line}' if line else ''}: {where}: {error['msg']}{got_text}{hint}")
        return None
    sections = (parsed.topic, parsed.actors, parsed.suppressions, parsed.generic_measures, parsed.exchange_rates)
    if all(x is None for x in sections):
        problems.append(
            f"{file}: defines nothing: expected a 'topic', 'generic_measures', 'actors', 'suppressions' "
            "or 'exchange_rates' section"
        )
        return None
    return parsed


def _compile_topic(spec: TopicSpec, file: Path, problems: list[str]) -> Topic:
    seen: set[str] = set()
    measures = []
    for m in spec.measures:
        if m.id in seen:
            problems.append(f"{file}: topic '{spec.id}': measure id '{m.id}' is used twice")
        seen.add(m.id)
        if m.kind == "count" and not m.units:
            problems.append(f"{file}: topic '{spec.id}', measure '{m.id}': a count measure needs 'units' (the counted nouns' lemmas)")
        measures.append(Measure(m, tuple(_compile_all(m.cues, f"{file}: measure '{m.id}' cue", problems))))
    patterns = _compile_all(spec.aliases, f"{file}: topic '{spec.id}' alias", problems)
    return Topic(spec, tuple(patterns), tuple(measures), str(file))


def _compile_all(phrases: list[str], where: str, problems: list[str]) -> list[re.Pattern]:
    out = []
    for phrase in phrases:
        if not phrase.strip() or not fold(phrase).replace("*", "").strip():
            problems.append(f"{where} is empty")
            continue
        out.append(compile_alias(phrase))
    return out


def _fold_name(name: str) -> str:
    name = " ".join(fold(name).split())
    for article in ("la ", "le ", "les ", "l'"):
        if name.startswith(article):
            return name[len(article) :]
    return name


def _format_loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """The 1-based line of the YAML node at a pydantic error location, where it can be found."""
    line = None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
