"""Load and validate the rules files (`rules/*.yaml`): topics with their measures, actors,
suppressions, exchange rates and the comparison policy.

Every file is checked against a strict schema (unknown keys, wrong types, YAML 1.1 booleans
such as `no` where a word was meant, duplicate ids); all problems of all files are reported
at once, with file and line, before any article is read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError

from .errors import FactcheckError, RulesError
from .frames.lexicon import Lexicon
from .text import fold

SCHEMA_VERSION = 1
Kind = Literal["money", "count", "percent"]
Severity = Literal["conflict", "review", "info"]
CheckSeverity = Literal["conflict", "review", "info", "ignore"]  # ignore: the check is off
Modality = Literal["fact", "estimate", "forecast", "conditional", "target", "negated"]
MODALITIES: tuple[str, ...] = get_args(Modality)
Id = Field(pattern=r"^[a-z][a-z0-9_]*$")
# The default rules, shipped inside the package. In the repository this is a symlink to the
# top-level rules/ folder, the one copy that is edited; a wheel holds the files themselves.
DEFAULT_RULES = Path(__file__).with_name("default_rules")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class MeasureSpec(_Strict):
    """Which claims of a topic are the same figure, and how far apart they may be."""

    id: StrictStr = Id
    label: StrictStr | None = None
    kind: Kind
    units: list[StrictStr] = []
    cues: list[StrictStr] = []
    tolerance: float = Field(default=0.0, ge=0, le=1)  # strict: 1 and 0.05 pass, "5 %" and true do not
    severity: Severity = "conflict"
    related_severity: Severity | None = "review"
    # true: the nouns of `units` name one thing ("manifestant", "personne"), compared as one unit
    units_equivalent: bool = False
    # Groups of subject nouns that name one thing; two figures whose subjects are in different
    # groups measure different things ("investissements" vs "budget") and are not compared.
    subjects: list[list[StrictStr]] = []


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
    rates: dict[Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")], Annotated[float, Field(gt=0)]]


_ASSERTED = ["fact", "estimate", "forecast", "conditional"]


class ModalitiesSpec(_Strict):
    """For each modality, the modalities its figures are compared with; every pair both ways."""

    fact: list[Modality]
    estimate: list[Modality]
    forecast: list[Modality]
    conditional: list[Modality]
    target: list[Modality]
    negated: list[Modality]

    def compared(self, a: str, b: str) -> bool:
        return a in MODALITIES and b in getattr(self, a)


class WithinArticleSpec(_Strict):
    """The severity of each check within one article; `ignore` turns the check off."""

    shares_over_100: CheckSeverity = "review"
    multiplier_mismatch: CheckSeverity = "review"


class PolicySpec(_Strict):
    """When two figures are compared at all. The defaults are documented in rules/policy.yaml."""

    # A target is compared only with targets; a negated figure never.
    modalities: ModalitiesSpec = ModalitiesSpec(
        fact=_ASSERTED, estimate=_ASSERTED, forecast=_ASSERTED, conditional=_ASSERTED, target=["target"], negated=[]
    )
    # convert: through the `exchange_rates` table when there is one, else never; never: never
    different_currencies: Literal["convert", "never"] = "convert"
    # a figure whose period is not stated (publication date, open future): compared or skipped
    unknown_time_scope: Literal["compare", "skip"] = "compare"
    within_article: WithinArticleSpec = WithinArticleSpec()


class FramesSpec(_Strict):
    """How the words of a figure's frame are normalised (see rules/frames.yaml)."""

    same_thing: list[list[str]] = []  # words or phrases that name one thing counted
    generic_nouns: list[str] = []  # nouns that say nothing of what is counted ("personnes")
    light_verbs: list[str] = []  # verbs that report or reach a figure ("compter", "atteindre")
    tolls: list[str] = []  # things whose count only grows as an event goes on ("morts", "hectares")
    constants: list[str] = []  # things that do not change over a story's days ("habitants", "magnitude")
    tenths: list[str] = []  # things always stated to a tenth: "7" is 7,0 ("magnitude")


class RulesFile(_Strict):
    schema_version: Literal[1]
    frames: FramesSpec | None = None
    topic: TopicSpec | None = None
    generic_measures: list[MeasureSpec] | None = None
    actors: list[ActorSpec] | None = None
    suppressions: list[SuppressionSpec] | None = None
    exchange_rates: ExchangeRatesSpec | None = None
    policy: PolicySpec | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure with its cue patterns compiled, and its subject groups as a look-up table."""

    spec: MeasureSpec
    cue_patterns: tuple[re.Pattern, ...]
    # folded singular noun -> index of its first group in spec.subjects (derived from spec)
    subject_groups: dict[str, int] = field(init=False, compare=False, repr=False)
    # spec.units, folded (derived from spec)
    units: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "units", frozenset(fold(u) for u in self.spec.units))
        groups: dict[str, int] = {}
        for i, nouns in enumerate(self.spec.subjects):
            for noun in nouns:
                groups.setdefault(_singular_noun(fold(noun)), i)
        object.__setattr__(self, "subject_groups", groups)

    @property
    def id(self) -> str:
        return self.spec.id

    def subject_group(self, subject: str | None) -> int | None:
        """The group of `subjects` the head noun of a claim's subject is in, or None."""
        if not subject:
            return None
        return self.subject_groups.get(_singular_noun(fold(subject.split()[0])))


def _singular_noun(word: str) -> str:
    """"investissements" -> "investissement": a folded French noun, without its plural mark."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


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
    policy: PolicySpec = field(default_factory=PolicySpec)
    policy_file: str | None = None  # None: no file has a policy section, the defaults hold
    exchange_rates_file: str | None = None
    lexicon: Lexicon = field(default_factory=Lexicon)  # the frames' words (rules/frames.yaml)
    warnings: tuple[str, ...] = ()  # valid rules that can never match, with file and line

    def to_base(self, currency: str | None) -> float | None:
        """How many base-currency units one unit of `currency` is worth, or None."""
        table = self.exchange_rates
        if table is None or currency is None:
            return None
        if currency == table.base:
            return 1.0
        rate = table.rates.get(currency)
        return float(rate) if rate is not None else None

    def claims_fingerprint(self) -> str:
        """A hash of what shapes claims and story signatures (topics, generic measures, actors),
        not of suppressions, exchange rates or policy, which only the comparison reads."""
        # (the lexicon's frozensets are sorted: their repr's order changes from one process to the next)
        shape = repr((self.topics, sorted(self.actor_aliases.items()), self.generic, self.lexicon.shape()))
        return hashlib.sha256(shape.encode()).hexdigest()[:16]

    def labels(self) -> dict[str, str]:
        """What the rules call each topic (by id) and measure (by "topic/measure"; a generic
        measure by its id), for the review page; ids without a label are left out."""
        labels = {m.id: m.spec.label for m in self.generic if m.spec.label}
        for topic in self.topics:
            labels[topic.id] = topic.spec.label
            labels.update({f"{topic.id}/{m.id}": m.spec.label for m in topic.measures if m.spec.label})
        return labels

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


@dataclass(frozen=True, slots=True)
class RulesSource:
    """A rules file in force, and whether it is a default, overrides one, or adds to them."""

    path: Path
    origin: Literal["default", "overrides", "adds"]


def rules_sources(extra: str | Path | None = None) -> list[RulesSource]:
    """The rules files in force: the defaults, with the files of `extra` (the user's `--rules`
    folder, or one file) on top: a file named like a default replaces it, any other adds."""
    sources = {f.name: RulesSource(f, "default") for f in _rules_files(DEFAULT_RULES)}
    if extra is not None:
        for file in _rules_files(Path(extra)):
            sources[file.name] = RulesSource(file, "overrides" if file.name in sources else "adds")
    return sorted(sources.values(), key=lambda s: s.path.name)


def load_user_rules(extra: str | Path | None = None, suppress: Sequence[str | Path] = ()) -> RuleSet:
    """The default rules with the user's folder on top (see rules_sources); raise RulesError
    listing all problems."""
    return load_rules([s.path for s in rules_sources(extra)], suppress)


def _rules_files(root: Path) -> list[Path]:
    """The `*.yaml` files of a rules folder (or the one file given), in sorted order."""
    if not root.exists():
        raise RulesError([
            f"{root}: the rules folder does not exist; give a folder of *.yaml rules files "
            "('factcheck init DIR' writes a copy of the default rules there to edit)"
        ])
    files = sorted(root.glob("*.yaml")) + sorted(root.glob("*.yml")) if root.is_dir() else [root]
    if not files:
        raise RulesError([f"{root}: no rules files (*.yaml) in this folder"])
    return files


def load_rules(path: str | Path | Sequence[Path], suppress: Sequence[str | Path] = ()) -> RuleSet:
    """Load every `*.yaml` file of a folder (or one file, or the files listed), plus suppressions
    files given apart; raise RulesError listing all problems."""
    files = list(path) if isinstance(path, (list, tuple)) else _rules_files(Path(path))
    problems: list[str] = []
    for extra in suppress:
        if not Path(extra).is_file():
            problems.append(f"{extra}: the suppressions file does not exist")
        else:
            files.append(Path(extra))
    suppressions: dict[str, str] = {}
    generic: list[Measure] = []
    exchange_rates: ExchangeRatesSpec | None = None
    policy, policy_file, rates_file = PolicySpec(), None, None
    frames = FramesSpec()
    topics: list[Topic] = []
    actor_aliases: dict[str, str] = {}
    alias_origin: dict[str, str] = {}
    topic_origin: dict[str, str] = {}
    generic_origin: dict[str, str] = {}
    warnings: list[str] = []
    for file in files:
        loaded = _load_file(file, problems)
        if loaded is None:
            continue
        parsed, node = loaded
        at = lambda *loc: _at(file, node, loc)  # noqa: E731  "file:line" of a place in this file
        if parsed.topic is not None:
            topic = _compile_topic(parsed.topic, at, problems)
            for i, m in enumerate(parsed.topic.measures):
                warnings.extend(_units_never_matched(m, lambda j: at("topic", "measures", i, "units", j)))
            if topic.id in topic_origin:
                problems.append(f"{at('topic', 'id')}: topic id '{topic.id}' is already defined in {topic_origin[topic.id]}")
            else:
                topic_origin[topic.id] = str(file)
                topics.append(topic)
        for i, spec in enumerate(parsed.generic_measures or []):
            if spec.id in generic_origin:
                problems.append(f"{at('generic_measures', i, 'id')}: generic measure id '{spec.id}' is already used in {generic_origin[spec.id]}")
            generic_origin.setdefault(spec.id, str(file))
            if spec.kind == "count" and not spec.units:
                problems.append(f"{at('generic_measures', i)}: generic measure '{spec.id}': a count measure needs 'units'")
            warnings.extend(_units_never_matched(spec, lambda j: at("generic_measures", i, "units", j)))
            cues = _compile_all(spec.cues, f"measure '{spec.id}' cue", lambda j: at("generic_measures", i, "cues", j), problems)
            generic.append(Measure(spec, tuple(cues)))
        if parsed.exchange_rates is not None:
            if exchange_rates is not None:
                problems.append(f"{at('exchange_rates')}: exchange rates are already defined in {rates_file}")
            exchange_rates, rates_file = parsed.exchange_rates, str(file)
        if parsed.policy is not None:
            if policy_file is not None:
                problems.append(f"{at('policy')}: the policy is already defined in {policy_file}; keep one policy section")
            policy, policy_file = parsed.policy, str(file)
            _check_policy(parsed.policy, at, problems)
        if parsed.frames is not None:  # several files may add words; they add up
            frames.same_thing.extend(parsed.frames.same_thing)
            frames.generic_nouns.extend(parsed.frames.generic_nouns)
            frames.light_verbs.extend(parsed.frames.light_verbs)
            frames.tolls.extend(parsed.frames.tolls)
            frames.constants.extend(parsed.frames.constants)
            frames.tenths.extend(parsed.frames.tenths)
        for i, item in enumerate(parsed.suppressions or []):
            if item.id in suppressions:
                problems.append(f"{at('suppressions', i, 'id')}: discrepancy '{item.id}' is suppressed twice")
            suppressions[item.id] = item.reason
        for i, actor in enumerate(parsed.actors or []):
            for j, alias in enumerate([actor.name, *actor.aliases]):
                key = _fold_name(alias)
                previous = actor_aliases.get(key)
                if previous is not None and previous != actor.name:
                    place = at("actors", i, "name") if j == 0 else at("actors", i, "aliases", j - 1)
                    problems.append(
                        f"{place}: actor alias '{alias}' names both '{previous}' ({alias_origin[key]}) "
                        f"and '{actor.name}'; an alias must name one actor"
                    )
                    continue
                actor_aliases[key] = actor.name
                alias_origin[key] = str(file)
    if problems:
        raise RulesError(problems)
    return RuleSet(
        tuple(topics), actor_aliases, tuple(str(f) for f in files), suppressions, tuple(generic), exchange_rates,
        policy=policy, policy_file=policy_file, exchange_rates_file=rates_file,
        lexicon=Lexicon.build(frames.same_thing, frames.generic_nouns, frames.light_verbs, frames.tolls,
                               frames.constants, frames.tenths),
        warnings=tuple(warnings),
    )


# What a figure's unit is, by kind (pipes/quantities.py): an ISO currency code for money, % or
# pp (percentage points) for percents, the counted noun's lemma, one word, for counts.
_CURRENCY_CODE = re.compile(r"[A-Za-z]{3}")
_PERCENT_UNITS = {"%", "pp"}


def _units_never_matched(spec: MeasureSpec, at: Callable[[int], str]) -> list[str]:
    """Warnings for the `units` of a measure that no figure can have: the measure is valid, but
    those units (or the whole measure, when all of them are such) never match."""
    warnings = []
    for j, unit in enumerate(spec.units):
        if spec.kind == "money" and not _CURRENCY_CODE.fullmatch(unit.strip()):
            why = "a money figure's unit is its currency code (EUR, USD, GBP)"
        elif spec.kind == "percent" and unit.strip() not in _PERCENT_UNITS:
            why = "a percent figure's unit is '%' (or 'pp' for percentage points)"
        elif spec.kind == "count" and len(unit.split()) > 1:
            why = ("the counted noun is read as one word, the noun's lemma ('usine' in \"13 usines de batteries\"); "
                   "write the noun alone and put the rest in 'cues'")
        else:
            continue
        warnings.append(f"{at(j)}: measure '{spec.id}' ({spec.kind}): unit '{unit}' can never match: {why}")
    return warnings


def describe_policy(rules: RuleSet) -> list[str]:
    """The policy in force, in words, for `factcheck rules check`."""
    policy = rules.policy
    lines = [f"policy: from {rules.policy_file}" if rules.policy_file else "policy: the defaults (no policy section)"]
    groups: dict[tuple[str, ...], list[str]] = {}  # modalities with the same list, shown once
    for a in MODALITIES:
        groups.setdefault(tuple(getattr(policy.modalities, a)), []).append(a)
    pairs = [f"{', '.join(names)} with {', '.join(listed)}" if listed else f"{', '.join(names)} never" for listed, names in groups.items()]
    lines.append("- modalities compared: " + "; ".join(pairs))
    rates = rules.exchange_rates
    if policy.different_currencies == "never":
        currencies = "never compared" + (f" (the exchange rates of {rules.exchange_rates_file} are not used)" if rates else "")
    elif rates is None:
        currencies = "convert, but no file gives exchange_rates: never compared"
    else:
        currencies = f"converted to {rates.base} at the rates of {rules.exchange_rates_file} ({', '.join(sorted(rates.rates))})"
    lines.append(f"- different currencies: {currencies}")
    scope = "compare, and the row says the scope was not stated" if policy.unknown_time_scope == "compare" else "skip"
    lines.append(f"- time scopes: compared when they overlap; a scope not stated: {scope}")
    checks = policy.within_article
    lines.append(
        f"- within one article: shares over 100 %: {checks.shares_over_100}; multiplier mismatch: {checks.multiplier_mismatch}"
    )
    return lines


def _check_policy(policy: PolicySpec, at: Callable[..., str], problems: list[str]) -> None:
    """A pair of modalities is compared both ways: each must list the other."""
    modalities = policy.modalities
    for a in MODALITIES:
        for b in getattr(modalities, a):
            if a not in getattr(modalities, b):
                problems.append(
                    f"{at('policy', 'modalities', b)}: policy.modalities: {a} lists {b}, but {b} does not list {a}; "
                    f"a pair is compared both ways: add {a} to the list of {b}, or remove {b} from the list of {a}"
                )


def _load_file(file: Path, problems: list[str]) -> tuple[RulesFile, yaml.Node] | None:
    try:
        text = file.read_text(encoding="utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        problems.append(f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start}): save the file as UTF-8")
        return None
    except OSError as exc:
        problems.append(f"{file}: cannot be read: {exc}")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(f"{file}{f':{mark.line + 1}' if mark else ''}: not valid YAML: {' '.join(str(exc).split())}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{file}: expected a mapping with schema_version and topic or actors, got {type(data).__name__}")
        return None
    try:
        parsed = RulesFile.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            got = error.get("input")
            got_text = f", got {got!r}" if not isinstance(got, (dict, list)) else ""
            hint = ""
            if isinstance(got, bool):
                hint = " (YAML reads yes/no/on/off as booleans: quote the word)"
            elif isinstance(got, (int, float)) and error["type"] == "string_type":
                hint = " (YAML read it as a number: quote it)"
            if error["type"] == "extra_forbidden":
                problems.append(f"{_at(file, node, loc)}: {_format_loc(loc[:-1])}: {_unknown_field(loc)}")
                continue
            problems.append(f"{_at(file, node, loc)}: {_format_loc(loc)}: {error['msg']}{got_text}{hint}")
        # Misspelt fields alone: read the file without them, so that its other problems (a
        # count measure without units, a duplicate id...) are reported in the same round.
        if any(error["type"] != "extra_forbidden" for error in exc.errors()):
            return None
        try:
            parsed = RulesFile.model_validate(_without(data, [error["loc"] for error in exc.errors()]))
        except ValidationError:
            return None
    sections = (parsed.topic, parsed.actors, parsed.suppressions, parsed.generic_measures, parsed.exchange_rates, parsed.policy, parsed.frames)
    if all(x is None for x in sections):
        problems.append(
            f"{file}: defines nothing: expected a 'topic', 'generic_measures', 'actors', 'suppressions', "
            "'exchange_rates', 'policy' or 'frames' section"
        )
        return None
    return parsed, node


def _without(data: object, locs: list[tuple]) -> object:
    """A copy of parsed YAML without the keys at `locs` (pydantic error locations)."""
    if isinstance(data, dict):
        return {k: _without(v, [loc[1:] for loc in locs if loc[:1] == (k,) and len(loc) > 1])
                for k, v in data.items() if (k,) not in locs}
    if isinstance(data, list):
        return [_without(v, [loc[1:] for loc in locs if loc[:1] == (i,) and len(loc) > 1]) for i, v in enumerate(data)]
    return data


def _unknown_field(loc: tuple) -> str:
    """"unknown field 'tolerence': did you mean 'tolerance'?", or the fields allowed there."""
    key, allowed = str(loc[-1]), _fields_at(loc[:-1])
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field '{key}': did you mean '{close[0]}'?"
    return f"unknown field '{key}'" + (f": expected one of {', '.join(allowed)}" if allowed else "")


def _fields_at(loc: tuple) -> list[str]:
    """The fields the schema allows at a place of a rules file (list indexes skipped)."""
    model: type[BaseModel] | None = RulesFile
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part) if model is not None else None
        model = _model_in(field_info.annotation) if field_info is not None else None
        if model is None:
            return []
    return list(model.model_fields)


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The schema model inside a field's type: `TopicSpec | None`, `list[MeasureSpec]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _compile_topic(spec: TopicSpec, at: Callable[..., str], problems: list[str]) -> Topic:
    seen: set[str] = set()
    measures = []
    for i, m in enumerate(spec.measures):
        if m.id in seen:
            problems.append(f"{at('topic', 'measures', i, 'id')}: topic '{spec.id}': measure id '{m.id}' is used twice")
        seen.add(m.id)
        if m.kind == "count" and not m.units:
            problems.append(
                f"{at('topic', 'measures', i)}: topic '{spec.id}', measure '{m.id}': a count measure needs 'units' "
                "(the counted nouns' lemmas)"
            )
        cues = _compile_all(m.cues, f"measure '{m.id}' cue", lambda j: at("topic", "measures", i, "cues", j), problems)
        measures.append(Measure(m, tuple(cues)))
    patterns = _compile_all(spec.aliases, f"topic '{spec.id}' alias", lambda j: at("topic", "aliases", j), problems)
    return Topic(spec, tuple(patterns), tuple(measures), at())


def _compile_all(phrases: list[str], what: str, at: Callable[[int], str], problems: list[str]) -> list[re.Pattern]:
    """The patterns of a list of phrases; `at(i)` is the place of phrase i, for the problems."""
    out = []
    for i, phrase in enumerate(phrases):
        if not phrase.strip() or not fold(phrase).replace("*", "").strip():
            problems.append(f"{at(i)}: {what} {phrase!r} is empty: write at least one letter besides '*'")
            continue
        out.append(compile_alias(phrase))
    return out


def _at(file: Path, node: yaml.Node | None, loc: tuple) -> str:
    """"file:line" of a place in a rules file, or "file" when it has no line."""
    line = _line_of(node, loc) if loc else None
    return f"{file}:{line}" if line else str(file)


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


def init_rules(target: Path) -> list[Path]:
    """Copy the default rules files, byte for byte (comments kept), into `target` to edit.

    A file already there is never overwritten: raise RulesError naming each one instead.
    """
    defaults = _rules_files(DEFAULT_RULES)
    if target.exists() and not target.is_dir():
        raise FactcheckError(f"{target}: exists and is not a folder; name a new folder, or one to add the rules files to")
    taken = [f.name for f in defaults if (target / f.name).exists()]
    if taken:
        raise FactcheckError(
            f"{target}: {', '.join(taken)} already there, left as they are: move them away, or init another folder"
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
        for file in defaults:
            (target / file.name).write_bytes(file.read_bytes())
    except OSError as exc:
        raise FactcheckError(f"{target}: cannot write the rules files there: {exc.strerror or exc}") from None
    return [target / f.name for f in defaults]


SUPPRESSIONS_FILE = "suppressions.yaml"


def suppression_entry(discrepancy_id: str, reason: str, indent: int = 2) -> str:
    """The lines to paste under `suppressions:` to mark a discrepancy as a false alarm.

    The id is quoted (an id of digits alone would be read as a number); the reason is written as
    a JSON string, which YAML reads as its double-quoted form (quotes, colons and « » are safe).
    `indent`: the column of the list's dashes.
    """
    pad = " " * indent
    return f"{pad}- id: '{discrepancy_id}'\n{pad}  reason: {json.dumps(reason, ensure_ascii=False)}\n"


def _with_suppression(before: str, discrepancy_id: str, reason: str) -> str | None:
    """The text of a suppressions file with the entry added after the last item of its list, in
    the list's indentation, the rest of the file (comments, other sections) as it was; a file
    with no list or an empty one gets the list at its end. None for a list written inline."""
    text = before if before.endswith("\n") or not before else before + "\n"
    root = yaml.compose(text)
    items = None
    if isinstance(root, yaml.MappingNode):
        items = next((value for key, value in root.value if key.value == "suppressions"), None)
    if isinstance(items, yaml.SequenceNode) and items.value:
        if items.flow_style:
            return None
        last = items.value[-1]
        while not isinstance(last, yaml.ScalarNode):  # the last line of the last item: its last scalar
            last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
        end = text.find("\n", last.end_mark.index) + 1
        first = items.value[0].start_mark.index
        line_start = text.rfind("\n", 0, first) + 1
        indent = text.index("-", line_start) - line_start  # the column of the list's dashes
        return text[:end] + suppression_entry(discrepancy_id, reason, indent) + text[end:]
    text = re.sub(r"(?m)^suppressions:[ \t]*(?:\[\]|null|~)?[ \t]*(?:#.*)?\n", "", text)  # empty: written below
    return text + "suppressions:\n" + suppression_entry(discrepancy_id, reason)


def add_suppression(folder: Path, discrepancy_id: str, reason: str) -> Path:
    """Append a suppression to `folder/suppressions.yaml` (created with its schema_version when
    absent, with the folder); return the file. Raise FactcheckError, in one line, on an id not
    in the form of discrepancies.csv, a reason too short, an id already suppressed in the rules
    in force, or a file the entry cannot be appended to; the file is then left as it was."""
    try:
        SuppressionSpec(id=discrepancy_id, reason=reason.strip())
    except ValidationError:
        if not re.fullmatch(r"[0-9a-f]{12}", discrepancy_id):
            raise FactcheckError(
                f"'{discrepancy_id}' is not a discrepancy id: expected 12 characters 0-9 a-f, "
                "as in the discrepancy_id column of discrepancies.csv or on report.html"
            ) from None
        raise FactcheckError(f"--reason {reason!r}: say in a few words why it is a false alarm (3 characters or more)") from None
    file = folder / SUPPRESSIONS_FILE
    in_force = load_user_rules(folder if folder.exists() else None).suppressions  # also: the folder's rules are valid
    if discrepancy_id in in_force:
        raise FactcheckError(f"{discrepancy_id} is already suppressed (reason: {in_force[discrepancy_id]!r}); nothing written")
    before = file.read_text(encoding="utf-8") if file.exists() else f"schema_version: {SCHEMA_VERSION}\n"
    old = (yaml.safe_load(before) or {}).get("suppressions") or []
    text = _with_suppression(before, discrepancy_id, reason.strip())
    try:  # the file read back must hold the list as it was, plus the entry: else nothing is written
        appended = (yaml.safe_load(text) or {}).get("suppressions") if text is not None else None
    except yaml.YAMLError:
        appended = None
    if appended != [*old, {"id": discrepancy_id, "reason": reason.strip()}]:
        raise FactcheckError(
            f"{file}: the entry cannot be added to its suppressions list (written inline, as [...]?): write the list "
            f"as '- id:' lines, or add the entry by hand (the copy button of report.html gives it)"
        )
    tmp = None
    try:  # a temp file renamed over the old one: a failed write leaves it whole
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, file.stat().st_mode & 0o777 if file.exists() else 0o644)
        os.replace(tmp, file)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise FactcheckError(f"{file}: cannot write the suppression: {exc.strerror or exc}") from None
    return file
