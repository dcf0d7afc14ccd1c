"""The Dask engine (`factcheck CORPUS --engine dask [--scheduler ADDRESS]`): articles parsed on
the workers of a Dask cluster, the rest of the run on the client.

The client reads the corpus and sends the articles to the workers in batches of
`BATCH_ARTICLES`; each worker loads the model and the rules once and returns each article's
facts (claims, story signature, numbers seen) as the local engine computes them, so the
reports are the same, byte for byte. Claims are then compared and the reports written by the
client (the comparison is near linear: docs/benchmarks.md). Without `--scheduler`, a local
cluster of `--jobs` worker processes. Needs the optional extra: `pip install "factcheck[dask]"`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from .errors import FactcheckError
from .models import Article, Skipped

BATCH_ARTICLES = 16
# How many batches are in flight at once per worker: enough to keep it busy, not the corpus.
BATCHES_PER_WORKER = 2

_worker_state: dict[tuple, tuple] = {}  # on each worker: (model, rules...) -> (nlp, ruleset)


def process(
    articles: Iterator[Article], scheduler: str | None, jobs: int, model: str, max_chars: int,
    rules: str | Path | None, suppress: list[str | Path],
) -> Iterator[tuple[str | Skipped, Article]]:
    """(facts as JSON or Skipped, article) for every article, parsed on the cluster."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise FactcheckError('--engine dask needs Dask: pip install "factcheck[dask]"') from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise FactcheckError(f"--scheduler {scheduler}: cannot reach the Dask scheduler: {exc}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        batches = iter(lambda: list(islice(articles, BATCH_ARTICLES)), [])
        key = (model, max_chars, str(rules) if rules is not None else None, tuple(str(s) for s in suppress))
        pending = as_completed()
        for batch in islice(batches, workers * BATCHES_PER_WORKER):
            pending.add(client.submit(parse_batch, batch, key, pure=False))
        for future in pending:
            for item in future.result():
                yield item
            batch = next(batches, None)
            if batch is not None:
                pending.add(client.submit(parse_batch, batch, key, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def parse_batch(batch: list[Article], key: tuple) -> list[tuple[str | Skipped, Article]]:
    """On a worker: the facts of each article of `batch`, as the local engine computes them."""
    from .pipeline import _failed, _LazyModel, facts_or_failure
    from .ruleset import load_user_rules

    if key not in _worker_state:
        model, max_chars, rules, suppress = key
        _worker_state[key] = (_LazyModel(model, max_chars), load_user_rules(rules, list(suppress)))
    lazy, ruleset = _worker_state[key]
    nlp = lazy.nlp
    docs = []
    for article in batch:
        doc = nlp.make_doc(article.text)
        doc._.published = article.date.isoformat() if article.date else None
        docs.append(doc)
    out: list[tuple[str | Skipped, Article]] = []
    for doc, article in zip(nlp.pipe(docs), batch):
        if doc._.factcheck_error is not None:
            out.append((_failed(article, doc._.factcheck_error), article))
            continue
        facts = facts_or_failure(doc, article, ruleset)
        out.append((facts if isinstance(facts, Skipped) else facts.to_json(), article))
    return out
