"""The package as a newsroom installs it: the wheel, not the repository, run from its own folder.

Built with `pip wheel --no-build-isolation` (setuptools and wheel come with the test extras)
from a copy of the repository, installed (not editable) into a fresh virtual environment that
sees the test environment's packages through a .pth file, so spaCy and the French model are
not downloaded again. Slow (about a minute): `pytest -m "not slow"` leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pandas as pd
import pytest

ARTICLES = {
    # Unquoted, "Grève : forte mobilisation" is not valid YAML: the front matter is read line by line.
    "greve_nantes.txt": (
        "---\ntitle: Grève : forte mobilisation à Nantes\nsource: Ouest Matin\ndate: 2025-03-07\n---\n"
        "Selon la CGT, 12 000 personnes ont manifesté jeudi à Nantes contre la réforme des retraites.\n"
        "La préfecture a compté 4 500 manifestants dans le centre-ville.\n"
    ),
    "greve_rennes.md": (
        "---\ntitle: \"Réforme des retraites : les syndicats maintiennent la pression\"\ndate: 2025-03-08\n---\n"
        "# Les chiffres de la mobilisation\n\n"
        "À Nantes, **4 500 manifestants** ont défilé jeudi selon la préfecture, 12 000 selon la CGT.\n\n"
        "- 3 000 manifestants à Rennes ;\n- 60 % des trains supprimés en Bretagne.\n"
    ),
}
CSV_NAMES = ("claims.csv", "discrepancies.csv", "facts.csv", "articles.csv", "skipped.csv")


def _run(args: list, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kw)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_the_installed_wheel_reads_every_article_in_french_from_any_folder(tmp_path, root):
    source = tmp_path / "source"
    shutil.copytree(root, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "outputs"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "-w", tmp_path / "wheels", source])
    (wheel,) = (tmp_path / "wheels").glob("factcheck-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # The test environment's packages (spaCy, the model, pip), after the new environment's own.
    # Its editable factcheck is not among them: setuptools' editable hook is a .pth file, and a
    # .pth file is read only in a site folder, not in a folder a .pth line adds.
    parents = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "parent_env.pth").write_text("\n".join(parents) + "\n", encoding="utf-8")
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", wheel])

    work = tmp_path / "newsroom"  # not the repository: no rules/ and no corpus/ here
    (work / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (work / "articles" / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = _run([python, "-c", "import factcheck, factcheck.ruleset as r; print(factcheck.__file__); "
                  "print(sorted(p.name for p in r.DEFAULT_RULES.glob('*.yaml')))"], cwd=work, env=env).stdout.splitlines()
    assert Path(where[0]).is_relative_to(venv), where  # the installed copy, not the repository's src/
    assert "generic.yaml" in where[1] and "policy.yaml" in where[1]

    factcheck = venv / "bin" / "factcheck"
    first = _run([factcheck, "articles"], cwd=work, env=env)
    outputs = work / "outputs"
    saved = {name: (outputs / name).read_bytes() for name in CSV_NAMES}
    assert "articles lus : 2, ignorés : 0" in first.stdout, first.stdout + first.stderr
    assert "rapports : outputs/claims.csv" in first.stdout
    page = (outputs / "report.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">') and "Tous les chiffres" in page
    articles = pd.read_csv(outputs / "articles.csv", dtype=str, keep_default_na=False)
    assert articles[["article", "title", "date"]].values.tolist() == [
        ["greve_nantes.txt", "Grève : forte mobilisation à Nantes", "2025-03-07"],
        ["greve_rennes.md", "Réforme des retraites : les syndicats maintiennent la pression", "2025-03-08"],
    ]
    assert pd.read_csv(outputs / "skipped.csv").empty
    claims = pd.read_csv(outputs / "claims.csv", dtype=str, keep_default_na=False)
    assert {"12 000", "4 500", "3 000", "60 %"} <= set(claims.text)

    second = _run([factcheck, "articles"], cwd=work, env=env)
    assert "articles lus : 2, ignorés : 0" in second.stdout
    assert "2 article(s) repris" in second.stdout  # from the cache this time, and still the same reports
    for name in CSV_NAMES:
        assert (outputs / name).read_bytes() == saved[name], name
