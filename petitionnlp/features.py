"""The arithmetic of the type model's features and of its prediction, without scikit-learn.

Each function here is the one implementation of a step that the estimators of :mod:`petitionnlp.classify`
(training, evaluation) and the light predictor of :mod:`petitionnlp.predictor` (``classify``, the workbench)
both run, so that a prediction is the same number on either path:

- :func:`char_ngrams` — hashed character n-gram counts of a batch (NumPy; the rows' columns sorted by two
  16-bit radix passes instead of a comparison sort);
- :func:`term_counts` — hashed counts of the terms an analyzer gives (jieba content words); :func:`token_counts`
  the same for jieba's tokens with the analyzer's rule, each distinct token's column remembered;
- :func:`tfidf` — sublinear tf × idf, rows scaled to unit length, as scikit-learn's ``TfidfTransformer`` does
  it (the same operations in the same order, so the same bits);
- :func:`lexicon_matrix` — per-type sums of lexicon weights and the first type named, with the passing-mention
  rules (:func:`first_use`);
- :func:`conventions_fired_rules` — the published tables' conventions that fire on each text
  (:func:`conventions_fired`: the types they name); :func:`calibrate` — the conventions as learned from records;
- :func:`bigram_vectors`, :func:`nearest`, :func:`blend` — the memory of real labelled petitions;
- :func:`decide` — the decision rule: the types at or above the threshold, best first, the secondary ones weighed
  against the plain keyword list's reading (:func:`keyword_found`, one reading that :func:`keyword_named` and
  :func:`keyword_hits` give); :func:`expit` the logistic
  function as SciPy computes it.

Also :func:`bigram_positions`, the places in a batch of texts where any of a set of two-character strings starts (the
gazetteer's and the region memory's scans visit only those).

The lexicon's and the conventions' terms are found in one pass over a text (:func:`petitionnlp.text.term_finder`).  Only NumPy,
SciPy's sparse matrices and ``pyahocorasick`` are imported (importing scikit-learn costs about a second).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from functools import lru_cache

import numpy as np
from scipy import sparse

from .taxonomy import TYPES
from .text import term_finder

__all__ = ["char_ngrams", "term_counts", "token_counts", "tfidf", "lexicon_matrix", "conventions_fired",
           "conventions_fired_rules", "calibration_design", "calibrate", "bigram_vectors",
           "nearest", "blend", "decide", "keyword_found", "keyword_hits", "keyword_named", "first_named", "expit",
           "bigram_code", "bigram_codes", "bigram_positions", "lexicon_ordinals"]

_SPACES = re.compile(r"\s\s+")
_MIX = np.uint64(0x100000001B3)
_SEEDS = tuple(np.uint64((n * 0x9E3779B97F4A7C15) % 2 ** 64) for n in range(8))  # one start value an n-gram size


def _mix64(h: np.ndarray) -> np.ndarray:
    """SplitMix64's finalizer: every input bit moves every output bit (NumPy wraps uint64 arithmetic)."""
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


_SORT_RUN = 1024  # keys sorted at a time by _sorted_keys


def _sorted_keys(parts: list[np.ndarray], bits: int, n_rows: int) -> np.ndarray:
    """``np.sort(np.concatenate(parts))`` of 32-bit keys ``row << bits | column``, each part's keys in the order of
    their rows (an n-gram size's, in the order of the texts): sorted a few rows at a time, about
    :data:`_SORT_RUN` keys, each block's keys taken from every part — the same array, in a third of the time of one
    ``np.sort`` of a 1,000-row batch (400,000 keys: NumPy sorts many short runs much faster than one long one)."""
    total = sum(len(p) for p in parts)
    step = max(1, _SORT_RUN * n_rows // total) if total else n_rows
    if step >= n_rows:
        keys = np.concatenate(parts) if len(parts) != 1 else parts[0].copy()
        keys.sort()
        return keys
    starts = np.arange(step, n_rows, step, dtype=np.uint32) << np.uint32(bits)  # each block's first key
    cuts = [[0, *np.searchsorted(p, starts).tolist(), len(p)] for p in parts]
    keys = np.empty(total, dtype=np.uint32)
    at = 0
    for b in range(len(starts) + 1):
        first = at
        for p, c in zip(parts, cuts):
            lo, hi = c[b], c[b + 1]
            keys[at:at + hi - lo] = p[lo:hi]
            at += hi - lo
        keys[first:at].sort()
    return keys


def _counts_csr(parts: list[np.ndarray], bits: int, n_rows: int, binary: bool) -> sparse.csr_matrix:
    """The canonical CSR matrix (each row's columns sorted and unique, with their counts) of the 32-bit keys
    ``row << bits | column`` of ``parts`` (each in the order of its rows).  The keys are sorted as plain integers
    (:func:`_sorted_keys`: NumPy's sort of 32-bit integers, 2–4× faster than the two stable radix passes over their
    16-bit halves it replaces, which ordered them the same; a comparison sort of the (row, column) pairs took most
    of a batch's hashing)."""
    keys = _sorted_keys(parts, bits, n_rows)
    n = len(keys)
    if n:
        first = np.empty(n + 1, dtype=bool)
        first[0] = first[n] = True
        np.not_equal(keys[1:], keys[:-1], out=first[1:n])
        bounds = np.flatnonzero(first)
        starts = bounds[:-1]
        data = np.ones(len(starts)) if binary else np.diff(bounds).astype(np.float64)
        keys = keys[starts]
    else:
        data = np.zeros(0)
    rows = (keys >> bits).astype(np.intp)
    cols = (keys & ((1 << bits) - 1)).astype(np.int32)
    indptr = np.zeros(n_rows + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    return sparse.csr_matrix((data, cols, indptr), shape=(n_rows, 1 << bits))


def char_ngrams(X, ngram_range=(1, 3), n_features: int = 2 ** 17, binary: bool = False,
                strip: str | None = None) -> sparse.csr_matrix:
    """Counts of the character n-grams of each text hashed into ``n_features`` columns (a power of two), for a
    whole batch in a few NumPy operations; lower-cased, runs of whitespace as one space; ``strip``: a regex whose
    matches are removed first; ``binary``: 1 for any count."""
    if n_features & (n_features - 1) or not 1 <= ngram_range[0] <= ngram_range[1] <= 7:
        raise ValueError("n_features must be a power of two and n-grams of 1 to 7 characters")
    X = X if isinstance(X, list) else list(X)
    # a key is the row number beside the column in 32 bits: blocks of the rows that fit
    bits = n_features.bit_length() - 1
    if bits > 31:
        raise ValueError("n_features above 2**31")
    block = 1 << min(16, 32 - bits)
    joined = "".join(X) if not strip and len(X) <= block else None
    low = joined.lower() if joined is not None else None
    if low is not None and len(low) == len(joined) and "\u03a3" not in joined and not _SPACES.search(low):
        # the whole batch lower-cased at once: no character lower-cases to more than one (İ) nor by its
        # neighbours (Σ), and no run of whitespace anywhere (a normalized text has none) — what each text would be
        lengths = np.fromiter(map(len, X), dtype=np.int64, count=len(X))
        return _ngram_counts(_codes(low), lengths, ngram_range, bits, binary)
    strip_re = re.compile(strip) if strip else None
    texts = []
    for t in X:
        t = _SPACES.sub(" ", t.lower())
        texts.append(strip_re.sub("", t) if strip_re else t)
    if len(texts) > block:
        parts = [char_ngrams(texts[i:i + block], ngram_range, n_features, binary) for i in range(0, len(texts), block)]
        return sparse.vstack(parts, format="csr")
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return _ngram_counts(_codes("".join(texts)), lengths, ngram_range, bits, binary)


def _codes(text: str) -> np.ndarray:
    """The code points of ``text`` (``uint32``)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _ngram_counts(codes: np.ndarray, lengths: np.ndarray, ngram_range, bits: int, binary: bool) -> sparse.csr_matrix:
    """:func:`char_ngrams` of the texts whose characters, one after the other, are ``codes`` (lower-cased, as
    they are read), each ``lengths`` long, into ``2 ** bits`` columns."""
    n_rows = len(lengths)
    codes = codes.astype(np.uint64)
    row_of = np.repeat(np.arange(n_rows, dtype=np.uint64) << np.uint64(bits), lengths)
    # characters left in its text from each position on (itself included): an n-gram starts where ≥ n
    left = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(codes), dtype=np.int64)
    keys = []
    lo, hi = ngram_range
    mask = np.uint64((1 << bits) - 1)
    for n in range(lo, hi + 1):
        m = len(codes) - n + 1
        if m <= 0:
            continue
        h = np.full(m, _SEEDS[n % len(_SEEDS)], dtype=np.uint64)
        for k in range(n):
            h ^= codes[k:k + m]
            h *= _MIX
        keep = np.flatnonzero(left[:m] >= n)
        keys.append((row_of[keep] | (_mix64(h[keep]) & mask)).astype(np.uint32))  # in the order of the rows
    return _counts_csr(keys or [np.zeros(0, dtype=np.uint32)], bits, n_rows, binary)


def bigram_code(pair: str) -> int:
    """The number of a two-character string for :func:`bigram_positions`."""
    return ord(pair[0]) << 21 | ord(pair[1])


def bigram_codes(pairs) -> np.ndarray:
    """The :func:`bigram_code` of each two-character string, sorted (``uint64``): what :func:`bigram_positions`
    scans with, computed at once (one by one took a tenth of a second of a process's first batch)."""
    pairs = list(pairs)
    if any(len(p) != 2 for p in pairs):
        return np.array(sorted(map(bigram_code, pairs)), dtype=np.uint64)
    chars = np.frombuffer("".join(pairs).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64).reshape(-1, 2)
    return np.sort((chars[:, 0] << np.uint64(21)) | chars[:, 1])


_FILTER_BITS = 22  # a table of 4 MB: with the gazetteer's 25,000 codes, 0.6 % of the other pairs pass it


def _bucket(pairs: np.ndarray) -> np.ndarray:
    """Fibonacci hashing of bigram codes into ``_FILTER_BITS`` bits."""
    return ((pairs * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - _FILTER_BITS)).astype(np.intp)


_FILTERS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _code_filter(codes: np.ndarray) -> np.ndarray:
    """Whether some code hashes to each bucket, for the (few, long-lived) code arrays a process scans with."""
    kept = _FILTERS.get(id(codes))
    if kept is None or kept[0] is not codes:
        if len(_FILTERS) >= 8:
            _FILTERS.clear()  # a caller that passes new arrays: keep a few tables, not one for each
        table = np.zeros(1 << _FILTER_BITS, dtype=bool)
        table[_bucket(codes)] = True
        kept = _FILTERS[id(codes)] = (codes, table)
    return kept[1]


def bigram_positions(texts: list[str], codes: np.ndarray) -> list[list[int]]:
    """For each text, the positions where a two-character string whose :func:`bigram_code` is in ``codes`` (a
    sorted ``uint64`` array) starts — for a whole batch in a few NumPy operations, so that a scan for names only
    visits the few places where one can start."""
    n_texts = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n_texts)
    chars = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(chars) < 2 or not len(codes):
        return [[] for _ in texts]
    pairs = (chars[:-1] << np.uint64(21)) | chars[1:]
    # most pairs start no name: a table of the codes' hashes sets them aside, the sorted codes check the rest
    maybe = np.flatnonzero(_code_filter(codes)[_bucket(pairs)])
    at = np.searchsorted(codes, pairs[maybe])
    at[at == len(codes)] = 0
    hit = np.zeros(len(pairs), dtype=bool)
    hit[maybe[codes[at] == pairs[maybe]]] = True
    ends = np.cumsum(lengths)
    last = ends[(lengths > 0) & (ends < len(chars))] - 1  # a text's last character and the next text's first
    hit[last] = False
    found = np.flatnonzero(hit)
    starts = ends - lengths
    cut = np.searchsorted(found, starts).tolist() + [len(found)]
    found = (found - np.repeat(starts, np.diff(cut))).tolist()  # each relative to its text's start, at once
    return [found[cut[k]:cut[k + 1]] for k in range(n_texts)]


_TERM_COLUMNS: dict[int, dict[str, int]] = {}


def term_column(term: str, n_features: int) -> int:
    """A term's column: the first 8 bytes of its BLAKE2b digest, modulo ``n_features`` (remembered)."""
    column = _TERM_COLUMNS.setdefault(n_features, {})
    col = column.get(term)
    if col is None:
        digest = hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest()
        col = column[term] = int.from_bytes(digest, "little") & (n_features - 1)
        if len(column) > 200_000:  # a stream of unseen strings must not grow without end
            column.clear()
    return col


def term_counts(X, analyzer, n_features: int = 2 ** 16) -> sparse.csr_matrix:
    """Counts of the terms ``analyzer`` gives each text, hashed into ``n_features`` columns (a power of two)."""
    if n_features & (n_features - 1):
        raise ValueError("n_features must be a power of two")
    indices: list[int] = []
    indptr = [0]
    for text in X:
        indices.extend([term_column(t, n_features) for t in analyzer(text)])
        indptr.append(len(indices))
    return _csr_sum_duplicates(indices, indptr, n_features)


def _csr_sum_duplicates(indices, indptr, n_features) -> sparse.csr_matrix:
    out = sparse.csr_matrix((np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int64),
                             np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, n_features))
    out.sum_duplicates()
    return out


def token_counts(X, cut, keep, n_features: int, memo: dict) -> sparse.csr_matrix:
    """:func:`term_counts` for an analyzer that is ``cut`` with the tokens ``keep(token)`` rejects left out: each
    distinct token's column (-1: left out) is remembered in ``memo``; the tokens of the whole batch are looked up
    at once."""
    tokens: list[str] = []
    lengths: list[int] = []
    for text in X:
        toks = cut(text)
        tokens.extend(toks)
        lengths.append(len(toks))
    for tok in set(tokens).difference(memo):  # the batch's new tokens, each once
        memo[tok] = term_column(tok, n_features) if keep(tok) else -1
    cols = np.fromiter(map(memo.__getitem__, tokens), dtype=np.int64, count=len(tokens))  # no list of ints between
    if len(memo) > 200_000:  # a stream of unseen strings must not grow without end
        memo.clear()
    kept = cols >= 0
    rows = np.repeat(np.arange(len(lengths)), lengths)[kept]
    indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(lengths)), out=indptr[1:])
    return _csr_sum_duplicates(cols[kept], indptr, n_features)


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray | None, sublinear: bool = True,
          norm: str | None = "l2") -> sparse.csr_matrix:
    """scikit-learn's ``TfidfTransformer.transform`` on a CSR matrix of counts: ``1 + log(tf)`` (sublinear), times
    ``idf`` of the column, each row divided by its Euclidean length — the sum of squares taken along the row in
    order, as its Cython kernel does (so the results are the same to the last bit)."""
    X = counts.astype(np.float64, copy=True)
    if sublinear:
        np.log(X.data, X.data)
        X.data += 1.0
    if idf is not None:
        X.data *= idf[X.indices]
    if norm == "l2":
        squares = sparse.csr_matrix((X.data * X.data, X.indices, X.indptr), shape=X.shape)
        sums = squares @ np.ones(X.shape[1])  # csr_matvec: one row's products added in order
        lengths = np.sqrt(sums)
        lengths[sums == 0.0] = 1.0
        X.data /= np.repeat(lengths, np.diff(X.indptr))
    elif norm is not None:
        raise ValueError(f"norm {norm!r}")
    return X


@lru_cache(maxsize=16)
def compiled(*sources: str) -> tuple:
    """Compiled regexes, kept by the process (never in a fitted estimator: a saved model holds the sources)."""
    return tuple(re.compile(src) for src in sources)


def first_use(text: str, term: str, patterns, container=None) -> int:
    """Position of the first occurrence of ``term`` in ``text`` that is not a passing mention (-1: none);
    ``patterns`` = compiled (negated-before, place-after), or None to take every occurrence; with ``container``
    (a compiled regex), an occurrence that it matches right after the term (垃圾|桶, 污水|处理厂: the name of a
    facility) does not count either."""
    pos = text.find(term)
    if pos < 0 or patterns is None:
        return pos
    negated, place = patterns
    while pos >= 0:
        end = pos + len(term)
        if (not negated.search(text, max(0, pos - 8), pos) and not place.match(text[end:end + 8])
                and not (container is not None and container.match(text, end))):
            return pos
        pos = text.find(term, pos + 1)
    return -1


def lexicon_index(terms, kinds, weights) -> tuple:
    """The lexicon as (entries ``(term, type, weight)`` in lexicon order, the finder of its terms)."""
    entries = tuple((term, int(kind), float(weight)) for term, kind, weight in zip(terms, kinds, weights))
    return entries, term_finder(tuple(t for t, _, _ in entries))


def lexicon_ordinals(X, index) -> list[list[int]]:
    """For each text, the lexicon entries it contains (their positions in the lexicon, in lexicon order): what
    :func:`lexicon_matrix` and :func:`keyword_named` read, found once for both (``index``: :func:`lexicon_index`)."""
    ordinals = index[1].ordinals
    return [ordinals(text) for text in X]


def lexicon_matrix(X, index, patterns, first_mention: bool, n_out: int, container=None,
                   facility_weight: float = 1.0, ordinals: list | None = None) -> sparse.csr_matrix:
    """Per type, ``log1p`` of the summed weights of the lexicon terms a text uses (not in passing), and with
    ``first_mention`` a 1 in the column of the type it names first (terms of weight ≥ 0.8).  With ``container``
    (a compiled regex: what makes a term the name of a facility, 垃圾|中转站), a term used only in such a name
    counts ``facility_weight`` of its weight and names no type first.  ``ordinals``: :func:`lexicon_ordinals`
    of ``X`` when they are known already."""
    rows, cols, vals = [], [], []
    n_types = len(TYPES)
    entries, finder = index
    if ordinals is None:
        ordinals = lexicon_ordinals(X, index)
    for i, text in enumerate(X):
        acc, first = {}, {}
        for k in ordinals[i]:  # the terms the text contains, in lexicon order
            term, kind, weight = entries[k]
            pos = first_use(text, term, patterns, container)
            if pos >= 0:
                acc[kind] = acc.get(kind, 0.0) + weight
                if weight >= 0.8:
                    first[kind] = min(first.get(kind, pos), pos)
            elif container is not None and first_use(text, term, patterns) >= 0:
                acc[kind] = acc.get(kind, 0.0) + weight * facility_weight  # a facility's name
        for kind, total in acc.items():
            rows.append(i)
            cols.append(kind)
            vals.append(np.log1p(total))
        if first_mention and first:
            rows.append(i)
            cols.append(n_types + min(first, key=lambda k: (first[k], k)))
            vals.append(1.0)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(X), n_out))


_SENTENCE = re.compile(r"[。；;！!？?\n]+")
_CLAUSE = re.compile(r"[，,、：:]+")


def conventions_fired(X, rules, clause_scope, patterns) -> np.ndarray:
    """Indicator (texts × types) of the types some convention gives each text (:func:`conventions_fired_rules`)."""
    fired = conventions_fired_rules(X, rules, clause_scope, patterns)
    out = np.zeros((len(X), len(TYPES)), dtype=bool)
    for r, rule in enumerate(rules):
        out[:, list(rule[-1])] |= fired[:, r:r + 1]
    return out


def conventions_fired_rules(X, rules, clause_scope, patterns) -> np.ndarray:
    """Indicator (texts × conventions) of the conventions that fire on each text: every group of cues of the
    convention found in one sentence (or clause), none of them a passing mention or part of a container's name.
    ``rules``: ``[group, …, types]`` lists; ``patterns``: compiled (negated-before, place-after, container-after)."""
    negated, place, container = patterns
    out = np.zeros((len(X), len(rules)), dtype=bool)
    cues = _cue_table(tuple(tuple(tuple(g) for g in rule[:-1]) for rule in rules))

    def used(sentence, cue):
        pos = first_use(sentence, cue, (negated, place))
        while pos >= 0 and container.match(sentence, pos + len(cue)):
            nxt = first_use(sentence[pos + 1:], cue, (negated, place))
            pos = -1 if nxt < 0 else pos + 1 + nxt
        return pos >= 0

    all_cues, rule_groups = cues
    finder = term_finder(all_cues)
    for i, text in enumerate(X):
        # first the whole text (one substring test a distinct cue), then, for the few conventions that may fire,
        # each sentence or clause with the passing-mention rules
        present = {all_cues[k] for k in finder.ordinals(text)}
        if not present:
            continue
        maybe = [r for r, groups in enumerate(rule_groups) if all(not present.isdisjoint(g) for g in groups)]
        if not maybe:
            continue
        # each group of a convention that may fire, cut to the cues the text has (no other is in any part of it)
        checks = [(r, [[c for c in g if c in present] for g in rules[r][:-1]]) for r in maybe]
        for sentence in _SENTENCE.split(text):
            clauses = None
            for r, groups in checks:
                if out[i, r] or not all(any(c in sentence for c in g) for g in groups):
                    continue  # fired already, or a group with no cue in the sentence: in none of its clauses either
                if clause_scope[r]:
                    clauses = _CLAUSE.split(sentence) if clauses is None else clauses
                for span in clauses if clause_scope[r] else (sentence,):
                    if all(any(c in span and used(span, c) for c in g) for g in groups):
                        out[i, r] = True
                        break
    return out


@lru_cache(maxsize=8)
def _cue_table(rule_groups: tuple) -> tuple:
    """(every distinct cue, each rule's groups as frozensets) for the whole-text test."""
    all_cues = tuple(dict.fromkeys(c for groups in rule_groups for g in groups for c in g))
    return all_cues, [[frozenset(g) for g in groups] for groups in rule_groups]


_PUNCT_CHAR = re.compile(r"[\s\W_]")  # what bigram_vectors leaves out: whitespace, punctuation, symbols
_PUNCT = re.compile(_PUNCT_CHAR.pattern + "+")


@lru_cache(maxsize=1)
def _bmp_tables() -> tuple[np.ndarray, np.ndarray]:
    """For each character of the Basic Multilingual Plane: whether :data:`_PUNCT` keeps it (a letter or a digit of
    any script), and the code of its lower case (-1 where that is not one character alone, İ, or depends on its
    neighbours, Σ) — found by the regex and ``str.lower`` themselves over all of them at once."""
    every = np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    kept = _PUNCT_CHAR.sub("\0", every)  # NUL itself is never kept either
    keep = np.frombuffer(kept.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0
    lower = np.full(0x10000, -1, dtype=np.int64)
    one_to_one = every.replace("\u0130", "\0")  # the one character whose lower case is two
    low = one_to_one.lower()
    lower[:] = np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lower[[0x130, 0x3A3]] = -1
    return keep, lower


def _stripped_codes(X: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """The code points of the texts without :data:`_PUNCT`'s matches, lower-cased, and each text's length so — what
    :func:`char_ngrams` reads of ``[_PUNCT.sub("", t) for t in X]`` — for the whole batch at once by the tables of
    :func:`_bmp_tables`; None for a batch with a character beyond them (then the texts are stripped one by one)."""
    try:
        codes = _codes("".join(X))
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if len(codes) and codes.max() >= 0x10000:
        return None
    keep, lower = _bmp_tables()
    kept = keep[codes]
    low = lower[codes[kept]]
    if len(low) and low.min() < 0:
        return None
    ends = np.zeros(len(X) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, X), dtype=np.int64, count=len(X)), out=ends[1:])
    before = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(kept, out=before[1:])  # kept characters before each position
    return low.astype(np.uint32), np.diff(before[ends])


def bigram_vectors(X, n_features: int) -> sparse.csr_matrix:
    """Binary character bigrams of each text without punctuation, rows of unit length (float32)."""
    if not X:
        return sparse.csr_matrix((0, n_features), dtype=np.float32)
    X = X if isinstance(X, list) else list(X)
    bits = n_features.bit_length() - 1
    fits = not n_features & (n_features - 1) and bits <= 31 and len(X) <= 1 << min(16, 32 - bits)
    found = _stripped_codes(X) if fits else None
    if found is not None:
        counts = _ngram_counts(*found, (2, 2), bits, True)
    else:
        counts = char_ngrams([_PUNCT.sub("", t) for t in X], (2, 2), n_features, binary=True)
    norms = np.sqrt(np.asarray(counts.sum(axis=1)).ravel())  # binary: the squares are the ones
    counts.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(counts.indptr))
    return counts.astype(np.float32)


def nearest(vectors: sparse.csr_matrix, memory: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(cosine, index) of the most similar row of ``memory`` for each row of ``vectors`` (index -1: none)."""
    n = vectors.shape[0]
    if memory.shape[0] == 0 or n == 0:
        return np.zeros(n), np.full(n, -1)
    m = memory.shape[0]
    sims = (vectors @ _transposed(memory)).tocsr()
    if m <= _DENSE_MEMORY:
        # a few hundred remembered rows: the similarities as dense blocks of rows, reduced by NumPy (SciPy's
        # sparse argmax loops over the rows in Python).  The same answers: the similarities are never negative, a
        # row's best is its largest, and where it is above 0 the first column that has it (SciPy's, too)
        step = max(1, _DENSE_CELLS // m)
        best, idx = np.empty(n, dtype=sims.dtype), np.empty(n, dtype=np.intp)
        for a in range(0, n, step):
            block = sims[a:a + step].toarray()
            best[a:a + step], idx[a:a + step] = block.max(axis=1), block.argmax(axis=1)
    else:
        best = np.asarray(sims.max(axis=1).todense()).ravel()
        idx = np.asarray(sims.argmax(axis=1)).ravel()
    return best, np.where(best > 0, idx, -1)


_TRANSPOSED: dict[int, tuple[sparse.csr_matrix, sparse.csr_matrix]] = {}


def _transposed(memory: sparse.csr_matrix) -> sparse.csr_matrix:
    """``memory.T`` as the CSR matrix SciPy's product converts it to each time, for the (few, long-lived)
    memories a process reads."""
    kept = _TRANSPOSED.get(id(memory))
    if kept is None or kept[0] is not memory:
        if len(_TRANSPOSED) >= 8:
            _TRANSPOSED.clear()
        kept = _TRANSPOSED[id(memory)] = (memory, sparse.csr_matrix(memory.T))
    return kept[1]


_DENSE_MEMORY = 2048  # remembered rows up to which nearest() reduces dense blocks of rows × them
_DENSE_CELLS = 1 << 22  # similarities in one such block (16 MB of float32)


def blend(proba: np.ndarray, sim: np.ndarray, idx: np.ndarray, labels: np.ndarray, threshold: float,
          weight: float) -> np.ndarray:
    """The model's probabilities moved towards a remembered petition's labels, by its similarity."""
    out = proba.copy()
    for i in np.flatnonzero(sim >= threshold):
        share = weight * min(1.0, (sim[i] - threshold) / max(1e-9, 1.0 - threshold) * 0.5 + 0.5)
        out[i] = (1 - share) * proba[i] + share * labels[idx[i]]
    return out


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def calibration_design(proba: np.ndarray, best_not_main: bool = False, main: np.ndarray | None = None) -> np.ndarray:
    """The calibration's inputs (texts × types × (2 + types)) for each text and type: the logit of the model's
    probability, 1 for the text's best type, and for any other type a 1 in that type's own column; with
    ``best_not_main`` (texts × types × (2 + 2 · types)) also, for the best type of a text that names another type
    first (``main``: :func:`first_named`, -1: none; None: not known), a 1 in its own column after those."""
    n, k = proba.shape
    best = np.zeros((n, k), dtype=bool)
    if n:
        best[np.arange(n), np.argmax(proba, axis=1)] = True
    parts = [_logit(proba)[:, :, None], best[:, :, None].astype(np.float64), np.eye(k)[None] * (~best)[:, :, None]]
    if best_not_main:
        other = np.zeros((n, k), dtype=bool)
        if main is not None and n:
            main = np.asarray(main)
            other = best & (main[:, None] >= 0) & (np.arange(k)[None, :] != main[:, None])
        parts.append(np.eye(k)[None] * other[:, :, None])
    return np.concatenate(parts, axis=2)


def calibrate(proba: np.ndarray, coef: np.ndarray, pairs, floors, fired_rules=None,
              main: np.ndarray | None = None) -> np.ndarray:
    """The tables' conventions as learned (:class:`petitionnlp.classify.ConventionCalibrator`): the secondary-type
    decisions ``1 / (1 + exp(-design · coef))`` (``coef`` of 2 + 2 · types values: also each type's own bias when
    it is the best one of a text that names another type first, ``main``), then, where a convention fires
    (``fired_rules``: texts × conventions), each type it names at least its floor (``pairs``: (convention, type)
    of each floor)."""
    proba = np.asarray(proba, dtype=np.float64)
    z = calibration_design(proba, len(coef) > 2 + proba.shape[1], main) @ coef
    q = 1.0 / (1.0 + np.exp(-z))
    if fired_rules is not None and len(pairs):
        fired_rules = np.asarray(fired_rules, dtype=bool)
        for (r, t), floor in zip(pairs, floors):
            if r < fired_rules.shape[1]:
                q[fired_rules[:, r], t] = np.maximum(q[fired_rules[:, r], t], floor)
    return q


def first_named(lexicon: sparse.csr_matrix) -> np.ndarray:
    """The type each text names first (the first-mention columns of :func:`lexicon_matrix`: not in passing, not a
    facility's name), as an index into :data:`TYPES`; -1 where the text names none."""
    n_types = len(TYPES)
    first = sparse.csr_matrix(lexicon)[:, n_types:2 * n_types]
    out = np.full(first.shape[0], -1, dtype=np.int64)
    rows, cols = first.nonzero()
    out[rows] = cols
    return out


def keyword_found(X, index, min_weight: float = 0.8) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The plain keyword list's reading of a batch, the one both :func:`keyword_hits` and :func:`keyword_named`
    give: every occurrence, anywhere in a text (no passing-mention rule), of a lexicon term of weight ≥
    ``min_weight`` (``index``: :func:`lexicon_index`), as arrays (the text's row, the term's type, where it starts
    in the text, its place in the lexicon).  One pass over the whole batch (its texts joined by a character no term
    holds)."""
    entries, finder = index
    kinds = np.array([kind if weight >= min_weight else -1 for _, kind, weight in entries] or [-1], dtype=np.int64)
    lengths = np.array([len(term) for term, _, _ in entries] or [0], dtype=np.int64)
    found = finder.found("\0".join(X))
    if not found:
        return tuple(np.zeros(0, dtype=np.int64) for _ in range(4))
    at, ordinal = np.array(found, dtype=np.int64).T
    ends = np.cumsum([len(t) + 1 for t in X])  # each text ends at its NUL
    row = np.searchsorted(ends, at, side="right")
    start = at - lengths[ordinal] + 1 - (ends - np.array([len(t) + 1 for t in X]))[row]
    keep = kinds[ordinal] >= 0
    return row[keep], kinds[ordinal][keep], start[keep], ordinal[keep]


def keyword_hits(X, index, min_weight: float = 0.8) -> list[dict[int, int]]:
    """The plain keyword list's reading of each text (:func:`keyword_found`): {type (an index into :data:`TYPES`):
    the first position of one of its terms}, the types in the order of their first term in the lexicon."""
    X = list(X)
    out: list[dict[int, int]] = [{} for _ in X]
    row, kind, start, ordinal = keyword_found(X, index, min_weight)
    for i, k, pos in zip(*(a[np.lexsort((start, ordinal, row))].tolist() for a in (row, kind, start))):
        hits = out[i]
        hits[k] = min(hits.get(k, pos), pos)
    return out


def keyword_named(X, index, min_weight: float = 0.8, ordinals: list | None = None) -> np.ndarray:
    """Texts × types, True for each type the plain keyword list names (:func:`keyword_found`, as
    :func:`keyword_hits` reads it); a text it names no type in names ``其他``, as the keyword list answers.
    ``ordinals``: :func:`lexicon_ordinals` of ``X`` when the lexicon block has found them already (the same finder's
    terms, so the batch is not scanned a second time)."""
    X = list(X)
    out = np.zeros((len(X), len(TYPES)), dtype=bool)
    if ordinals is None:
        row, kind, _, _ = keyword_found(X, index, min_weight)
    else:
        entries, _ = index
        strong = np.array([k if w >= min_weight else -1 for _, k, w in entries] or [-1], dtype=np.int64)
        ordinal = np.fromiter(itertools.chain.from_iterable(ordinals), dtype=np.int64)
        row, kind = np.repeat(np.arange(len(X)), [len(o) for o in ordinals]), strong[ordinal]
        row, kind = row[kind >= 0], kind[kind >= 0]
    out[row, kind] = True
    out[~out.any(axis=1), TYPES.index("其他")] = True
    return out


def decide(proba: np.ndarray, threshold: float, max_types: int | None = None,
           main: np.ndarray | None = None, named: np.ndarray | None = None,
           named_threshold: float | None = None, unnamed_threshold: float | None = None) -> list[list[str]]:
    """Types with probability ≥ threshold, best first, at most ``max_types``; always at least the best one.
    ``main`` (an index into :data:`TYPES` a text, -1: none) is the type that goes first when it is one of those
    predicted: the main type is decided apart from which types are given (:func:`first_named`).

    The types after the first may be weighed against the plain keyword list (``named``: texts × types,
    :func:`keyword_named`): a type it names is given from ``named_threshold``, one it does not name from
    ``unnamed_threshold`` (None: ``threshold``; above 1: never).  The first type is decided as without them."""
    proba = np.asarray(proba)
    if not len(proba):
        return []
    orders = np.argsort(-proba, axis=1, kind="stable").tolist()  # each row's order, the batch sorted at once
    above = (proba >= threshold).tolist()
    mains = [-1] * len(proba) if main is None else np.asarray(main).tolist()
    gated = named is not None and (named_threshold is not None or unnamed_threshold is not None)
    if gated:
        second = proba >= np.where(np.asarray(named, dtype=bool),
                                   threshold if named_threshold is None else named_threshold,
                                   threshold if unnamed_threshold is None else unnamed_threshold)
        seconds = second.tolist()
    out = []
    for i, (order, ok, m) in enumerate(zip(orders, above, mains)):
        picked = [j for j in order if ok[j]] or [order[0]]
        if m >= 0 and ok[m] and picked[0] != m:
            picked.remove(m)
            picked.insert(0, m)
        if gated:
            first, ok2 = picked[0], seconds[i]
            picked = [first] + [j for j in order if j != first and ok2[j]]
        out.append([TYPES[j] for j in (picked[:max_types] if max_types else picked)])
    return out


def _logistic(v: float) -> float:
    try:
        return 1.0 / (1.0 + math.exp(-v))
    except OverflowError:  # exp(-v) beyond the largest double: SciPy's expit gives 1 / (1 + inf)
        return 0.0


def expit(x: np.ndarray) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-x))`` with the C library's ``exp``, as SciPy's ``expit`` computes
    it (NumPy's vectorized ``exp`` may differ in the last bit), without importing ``scipy.special``."""
    x = np.asarray(x, dtype=np.float64)
    return np.fromiter(map(_logistic, x.ravel().tolist()), dtype=np.float64, count=x.size).reshape(x.shape)
