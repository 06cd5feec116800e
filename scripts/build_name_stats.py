"""Build ``corpora/pii/name_char_stats.tsv``: for each Chinese character, how often it stands in a person's name
(as a surname, as a given name's character) and how often in the other words of jieba's dictionary.

Source: jieba's main dictionary (``jieba/dict.txt``, the word list jieba ships, MIT licence, Copyright (c) 2013
Sun Junyi), whose entries tagged ``nr`` are people's names and given names (about 72,800 entries).  Entries are
counted, not weighted by jieba's frequencies (a famous person's name is one name).  The name detector of
:mod:`petitionnlp.pii.rules` (``NameModel``) reads the counts; nothing here runs at detection time.

    .venv/bin/python scripts/build_name_stats.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpora/pii/name_char_stats.tsv"


def main() -> None:
    surnames = {ln.strip() for ln in open(ROOT / "corpora/pii/surnames.txt", encoding="utf-8")
                if ln.strip() and not ln.startswith("#")}
    single = {s for s in surnames if len(s) == 1}
    sur, given, word = Counter(), Counter(), Counter()
    names = words = 0
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 3 or not all("\u4e00" <= c <= "\u9fff" for c in parts[0]):
                continue
            w, tag = parts[0], parts[2]
            if tag == "nr" and 2 <= len(w) <= 4:
                names += 1
                sl = 2 if w[:2] in surnames else 1 if w[0] in single else 0
                if sl and len(w) - sl in (1, 2):
                    sur[w[:sl]] += 1
                    given.update(w[sl:])
                elif not sl and len(w) == 2:
                    given.update(w)  # a given name alone (建华, 秀英)
            elif tag != "nr" and len(w) >= 2:
                words += 1
                word.update(set(w))
    chars = sorted(set(sur) | set(given) | set(word), key=lambda c: (-given[c] - sur[c], c))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# Characters in people's names and in other words, counted over jieba's dictionary (jieba/dict.txt,\n"
                  "# MIT licence, Copyright (c) 2013 Sun Junyi): entries tagged nr (people's names and given names)\n"
                  f"# against the other entries of two characters or more. Built by scripts/build_name_stats.py.\n"
                  f"# totals\t{names}\t{sum(given.values())}\t{words}\n"
                  "# char\tas surname\tas given-name character\tin other words\n")
        for c in chars:
            out.write(f"{c}\t{sur[c]}\t{given[c]}\t{word[c]}\n")
    print(f"{len(chars)} characters, {names} names, {words} words → {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
