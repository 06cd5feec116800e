"""Repeat complaints: petitions that are the same complaint (same place and matter, reworded) share a group.

One implementation of near-duplicate search for the whole project: triage's ``duplicate_of`` and the office's
repeat groups both ask a :class:`RepeatIndex`.

How two petitions are compared
    Each text becomes its *case text* (:func:`case_text`: normalized; the complaint boilerplate of
    ``corpora/triage/boilerplate.txt``, punctuation and the names of its own province, city and county removed;
    words used interchangeably, ``corpora/search/synonyms.tsv``, folded to one), then a set of character
    bigrams weighted by their inverse document frequency in a fixed reference corpus (the shipped training
    petitions), so a stored petition's vector never changes as the index grows.  Bigrams that more than
    ``max_df`` of the reference petitions use are left out: they say little about which complaint it is, and
    leaving them out keeps the inverted lists short.  The similarity of two petitions (:func:`_adjust`) is the
    cosine of their vectors raised by the square root of the longer one's weight over the shorter's (halfway
    to containment: a restatement that tells part of the case, or adds to it, still matches) and by the matters
    the two name (:func:`matter_keys`, ``corpora/triage/matter_keys.txt``: 油烟, 噪声, 扬尘, 采砂, 屠宰 …) —
    from ``matter_penalty`` when they share none to ``matter_boost`` when they name the same ones — at most 1;
    times ``type_penalty`` when both have pollution types and they share none (another matter); times
    ``place_penalty`` for each of city and county that one of them knows and the other does not; times
    ``cue_boost`` when the later one says it restates a complaint (再次反映, 多次反映未解决, 又在夜间生产:
    ``corpora/triage/repeat_cues.txt``), which a restatement often does in fewer words than the first.

Which petitions are compared
    Only petitions whose places agree: the same province, city and county, where a level left unknown
    (null) agrees with any value — so a petition placed in 衡南县 is compared with the other petitions of
    衡南县 and with those of 衡阳市 whose county is unknown, never with 耒阳市's.  The inverted lists are
    keyed by (place, bigram), so a petition's product touches its compatible places' petitions only; one
    without a city is compared with the province's others on its ``far_features`` rarest bigrams only (a
    lower bound of the similarity), which keeps a province's million petitions fast.  An office gives every
    petition its province (the resolver leaves it unknown when the text names no place).

How groups form
    A petition joins a group when it is at least ``threshold`` similar both to one of the group's petitions
    and to the group's first petition, and its place agrees with the group's (the most specific place any of
    its petitions names); among such groups, the one it is most similar to (the lesser of the two
    similarities).  Requiring the first petition keeps a group around its complaint: petitions that each
    resemble the last one (look-alike template complaints of one county, or a petition without a place
    bridging two counties) no longer chain into one group.  Two petitions that name different towns (…镇,
    …乡, …街道) or different sites (…村, …社区, …小区, …花园, …工业园, …街 …: :func:`spots`) are taken as
    ``spot_penalty`` times as similar, and the matters they share raise them no more: in one county, another
    village is another complaint, the same nuisance there a twin.  A petition
    that cites an earlier one's receipt number (``此件与受理编号D2HN…属同一案件``) joins its group.  Otherwise
    it starts a group of its own, named by its id.  Groups are never merged or renamed later, so a group id
    the office stored stays valid; :meth:`RepeatIndex.discard` takes petitions out (a withdrawn batch).

The state is plain arrays: :meth:`RepeatIndex.to_bytes` / :meth:`RepeatIndex.from_bytes` (an ``.npz`` read
with ``allow_pickle=False``), and :meth:`RepeatIndex.extend` rebuilds it from stored petitions and their
stored groups without searching.
"""

from __future__ import annotations

import io
import json
import math
import re
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

import numpy as np

from .errors import Errors, ModelError
from .resources import corpus_path, read_list
from .text import normalize

__all__ = ["case_text", "cited_receipts", "matter_keys", "place_key", "spots", "Match", "RepeatIndex", "reference_idf"]

_RECEIPT = re.compile(r"[DX]\d{0,2}[A-Z]{2}\d{8,14}|(?:受理编号|编号|受理号)[:：]?\s*([A-Z]*\d{3,})号?")
_PUNCT = re.compile(r"[\s,，.。;；:：!！?？、()（）\"“”'‘’《》<>\[\]【】/\\\-—_~·…]+")
_FEATURES = 1 << 24  # hashed bigram columns
_SHIFT = np.uint64(64 - 24)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


class Match(NamedTuple):
    """How one petition was placed: its ``group``, the earlier petition it resembles most (``nearest``, or
    None) and their similarity ``score`` (1.0 for a cited receipt number)."""

    group: str
    nearest: str | None
    score: float


def cited_receipts(text: str) -> list[str]:
    """Receipt numbers a petition cites: full codes (D2HN202010150023) and 编号NNN forms."""
    return [m.group(1) or m.group(0) for m in _RECEIPT.finditer(text or "")]


@lru_cache(maxsize=1)
def _repeat_cues() -> re.Pattern:
    """What a complainant writes of a complaint made before (``corpora/triage/repeat_cues.txt``)."""
    return re.compile("|".join(f"(?:{line})" for line in read_list("triage", "repeat_cues.txt")))


def says_repeat(text: str | None) -> bool:
    """Whether a petition says it restates an earlier complaint (再次反映, 反映多次未解决, 又在夜间生产)."""
    return bool(text) and bool(_repeat_cues().search(normalize(text)))


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern:
    words = sorted(read_list("triage", "boilerplate.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1)
def _variants() -> tuple[re.Pattern, dict]:
    """Words petitions use interchangeably (``corpora/search/synonyms.tsv``), each folded to its group's first."""
    canon = {}
    for line in read_list("search", "synonyms.tsv"):
        group = [w for w in line.split("|") if w]
        for w in group:  # the first too: 养猪场 is read whole, not as 养 + 猪场
            canon.setdefault(w, group[0])
    return re.compile("|".join(map(re.escape, sorted(canon, key=len, reverse=True)))), canon


_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[^族]{1,3}族)+自治[州县旗]$")


@lru_cache(maxsize=4096)
def _place_words(place: tuple) -> re.Pattern | None:
    """The names of a record's own province, city and county, full and short (衡阳市, 衡阳; 芷江侗族自治县, 芷江)."""
    words = set()
    for name in place:
        if not name:
            continue
        words.add(name)
        auto = _AUTONOMOUS.match(name)
        short = auto.group(1) if auto else name
        if not auto and len(name) >= 3 and name[-1] in "省市县区旗盟州":
            short = name[:-1]
        if len(short) >= 2:
            words.add(short)
    if not words:
        return None
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def case_text(text: str | None, place: tuple = (None, None, None)) -> str:
    """The text as compared for repeats: normalized; complaint boilerplate, punctuation and the names of its
    own ``place`` (province, city, county: the same for every petition it is compared with) removed; words
    used interchangeably folded to one."""
    if not isinstance(text, str) or not text:
        return ""
    out = _boilerplate().sub("", normalize(text))
    own = _place_words(tuple(place))
    if own is not None:
        out = own.sub("", out)
    pattern, canon = _variants()
    out = pattern.sub(lambda m: canon[m.group(0)], out)
    return _PUNCT.sub("", out)


def place_key(record: dict) -> tuple:
    """(province, city, county) of a record, None for a level not known; a lower level without its upper
    ones is kept (a county without its city still narrows the comparison)."""
    def part(name):
        v = record.get(name)
        return v if isinstance(v, str) and v else None
    return part("province"), part("city"), part("county")


_SPOT_STOP = set("的在有个该本近全各这那此其每与和及或等是了到从对向将把被给由入排至往")
_TOWN = re.compile(r"([\u4e00-\u9fff]{2})(镇|乡(?![村下亲镇])|街道)")
_SITE = re.compile(r"([\u4e00-\u9fff]{2})(村(?![民委里干级庄子])|社区|小区|花园|家园|工业园|产业园|园区|大道|街(?![道区头巷上边面]))")
SPOTS = 3  # towns and sites kept of each petition
MATTER_BOOST = 1.6  # two petitions naming the same matters: this much more similar
MATTER_PENALTY = 0.7  # two petitions naming matters, none shared: this much less
CUE_BOOST = 1.3  # a petition that says it restates a complaint: this much more similar to the earlier ones
NEAR_TIE = 0.05  # groups this close in similarity are a tie, which the oldest group wins


_NOT_A_STREET = set("临沿满上当逛穿过跨")  # 临街, 沿街, 满街, 上街 …: along or onto a street, not a street's name


def _spot_names(text: str, pattern: re.Pattern) -> list[str]:
    out = []
    for m in pattern.finditer(text):
        head = m.group(1)
        if head[-1] in _SPOT_STOP or (m.group(2) == "街" and head[-1] in _NOT_A_STREET):
            continue
        name = (head[1:] if head[0] in _SPOT_STOP else head) + m.group(2)
        if name not in out:
            out.append(name)
    return out


def spots(case: str) -> tuple[list[str], list[str]]:
    """The towns (…镇, …乡, …街道) and sites (…村, …社区, …小区, …花园, …工业园 …) a case text names, each as
    its suffix and the two characters before it: the places below a county that tell one complaint from
    another in the same county."""
    return _spot_names(case, _TOWN), _spot_names(case, _SITE)


def _spot_codes(case_texts: Sequence[str]) -> np.ndarray:
    """Each text's towns and sites as stable codes (one row: ``SPOTS`` towns, then ``SPOTS`` sites; 0 none)."""
    import zlib

    out = np.zeros((len(case_texts), 2 * SPOTS), dtype=np.int64)
    for k, text in enumerate(case_texts):
        towns, sites = spots(text)
        for offset, names in ((0, towns), (SPOTS, sites)):
            for m, name in enumerate(names[:SPOTS]):
                out[k, offset + m] = zlib.crc32(name.encode("utf-8")) + 1
    return out


def _spots_differ(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each pair of rows of ``a`` and ``b`` (spot codes), whether the two petitions name different towns, or
    different sites: both name some, and none in common."""
    differ = np.zeros(len(a), dtype=bool)
    for lo in (0, SPOTS):
        x, y = a[:, lo:lo + SPOTS], b[:, lo:lo + SPOTS]
        common = ((x[:, :, None] == y[:, None, :]) & (x[:, :, None] > 0)).any(axis=(1, 2))
        differ |= (x[:, 0] > 0) & (y[:, 0] > 0) & ~common
    return differ


@lru_cache(maxsize=1)
def _matter_words() -> tuple[re.Pattern, dict]:
    """The words of ``corpora/triage/matter_keys.txt``, each to its matter's bit."""
    bit = {}
    lines = read_list("triage", "matter_keys.txt")
    if len(lines) > 62:  # one bit of an int64 a matter
        raise ModelError(Errors.E090.format(path=corpus_path("triage", "matter_keys.txt"),
                                            reason=f"事项最多 62 行，现有 {len(lines)} 行"))
    for k, line in enumerate(lines):
        for w in line.split("|"):
            if w:
                bit.setdefault(w, 1 << k)
    return re.compile("|".join(map(re.escape, sorted(bit, key=len, reverse=True)))), bit


def _blank(m: re.Match) -> str:
    return "　" * len(m.group(0))


def matter_keys(case_texts: Sequence[str]) -> np.ndarray:
    """The matters each case text names (the nuisance and its source: 油烟, 噪声, 采砂, 屠宰 …;
    ``corpora/triage/matter_keys.txt``) as bits of an int64, 0 for none; words inside the name of a town or a
    site (南湖村, 石场镇: :func:`spots`' patterns) name a place, not a matter."""
    pattern, bit = _matter_words()
    out = np.zeros(len(case_texts), dtype=np.int64)
    for k, text in enumerate(case_texts):
        v = 0
        text = _TOWN.sub(_blank, _SITE.sub(_blank, text or ""))
        for m in pattern.finditer(text):
            v |= bit[m.group(0)]
        out[k] = v
    return out


def _popcount(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.int64).astype(np.uint64)
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return ((x * np.uint64(0x0101010101010101)) >> np.uint64(56)).astype(np.int64)


def _matter_factor(a: np.ndarray, b: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """How much more (or less) alike two petitions are for the matters they name (:func:`matter_keys`): from
    ``lo`` when they share none to ``hi`` when they name the same ones, by the share of the matters of the one
    naming more that the other names too (a matter only one of them names counts against: the head of a
    complaint shared, another nuisance told after it, is another complaint); 1 when either names none."""
    na, nb = _popcount(a), _popcount(b)
    more = np.maximum(na, nb)
    share = _popcount(np.asarray(a, np.int64) & np.asarray(b, np.int64)) / np.where(more > 0, more, 1)
    return np.where(np.minimum(na, nb) > 0, lo + (hi - lo) * share, 1.0)


def _compatible(a: tuple, b: tuple) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b))


def _unsure_levels(a: tuple, b: tuple) -> int:
    """How many of city and county one of two compatible places knows and the other does not (0 when one
    place is not known at all: a history of bare texts)."""
    if a == (None, None, None) or b == (None, None, None):
        return 0
    return sum(1 for x, y in zip(a[1:], b[1:]) if (x is None) != (y is None))


# ------------------------------------------------------------------------------------------------ features

def _bigrams(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(row, bigram code) of every distinct character bigram of each text, sorted by row then code.
    A bigram's code is its two code points side by side (21 bits each)."""
    if not texts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    joined = "\x00".join(t.replace("\x00", "") for t in texts) + "\x00"  # NUL separates the texts
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    sep = cp == 0
    row = np.cumsum(sep) - sep  # the text each position belongs to
    ok = ~sep[:-1] & ~sep[1:]
    codes = (cp[:-1] << 21 | cp[1:])[ok]
    rows = row[:-1][ok]
    both = np.unique(rows << 42 | codes)  # distinct (row, code), sorted
    return both >> 42, both & ((1 << 42) - 1)


def _columns(codes: np.ndarray) -> np.ndarray:
    return ((codes.astype(np.uint64) * _GOLDEN) >> _SHIFT).astype(np.int32)


@lru_cache(maxsize=4)
def reference_idf(max_df: float = 0.05) -> tuple[np.ndarray, np.ndarray, float]:
    """(sorted bigram codes, their IDF, the IDF of a bigram the reference lacks) from the shipped training
    petitions; the codes of bigrams used by more than ``max_df`` of them get IDF 0 (left out)."""
    texts = []
    for name in ("real_petitions.jsonl", "synthetic_petitions.jsonl"):
        path = corpus_path("train", name)
        if path.is_file():
            with open(path, encoding="utf-8") as fh:
                texts += [json.loads(ln) for ln in fh if ln.strip()]
    return _idf_table([case_text(r.get("text"), place_key(r)) for r in texts], max_df)


def _idf_table(case_texts: list[str], max_df: float) -> tuple[np.ndarray, np.ndarray, float]:
    n = len(case_texts)
    _, codes = _bigrams(case_texts)
    uniq, df = np.unique(codes, return_counts=True)
    idf = np.log((n + 1) / (df + 1)) + 1.0
    idf[df > max_df * n] = 0.0
    return uniq, idf.astype(np.float32), float(math.log(n + 1) + 1.0)


def _vectors(case_texts: Sequence[str], idf: tuple):
    """(L2-normalized IDF-weighted binary bigram vectors, one row per text (CSR, float32); their norms before
    normalizing)."""
    from scipy import sparse

    codes_ref, idf_ref, idf_unknown = idf
    rows, codes = _bigrams(list(case_texts))
    pos = np.searchsorted(codes_ref, codes)
    pos_c = np.minimum(pos, max(len(codes_ref) - 1, 0))
    known = (pos < len(codes_ref)) & (codes_ref[pos_c] == codes) if len(codes_ref) else np.zeros(len(codes), bool)
    weight = np.where(known, idf_ref[pos_c] if len(codes_ref) else 0.0, idf_unknown).astype(np.float32)
    keep = weight > 0
    rows, cols, weight = rows[keep], _columns(codes[keep]), weight[keep]
    n = len(case_texts)
    norms = np.sqrt(np.bincount(rows, weights=weight.astype(np.float64) ** 2, minlength=n))
    weight = (weight / norms[rows]).astype(np.float32)
    m = sparse.csr_matrix((weight, (rows, cols)), shape=(n, _FEATURES), dtype=np.float32)
    m.sum_duplicates()  # two bigrams hashed to one column (rare)
    return m, norms.astype(np.float32)


# ------------------------------------------------------------------------------------------------ the index

def _inverted(vectors):
    """(the columns a chunk of vectors uses, sorted; the chunk transposed onto them: column × row, CSR)."""
    from scipy import sparse

    cols, inv = np.unique(vectors.indices, return_inverse=True)
    local = sparse.csr_matrix((vectors.data, inv.astype(np.int32), vectors.indptr), shape=(vectors.shape[0], len(cols)))
    return cols.astype(np.int32), local.T.tocsr()


def _restrict(q, cols: np.ndarray):
    """The rows of ``q`` on the columns ``cols`` only (the columns numbered as in ``cols``)."""
    from scipy import sparse

    if not len(cols):
        return sparse.csr_matrix((q.shape[0], 0), dtype=np.float32)
    pos = np.minimum(np.searchsorted(cols, q.indices), len(cols) - 1)
    hit = cols[pos] == q.indices
    indptr = np.concatenate(([0], np.cumsum(hit)))[q.indptr]
    return sparse.csr_matrix((q.data[hit], pos[hit], indptr), shape=(q.shape[0], len(cols)))


def _adjust(s: np.ndarray, a_norm, b_norm, a_types, b_types, penalty: float, matter=1.0) -> np.ndarray:
    """The similarity of pairs from their cosine ``s``: raised by the square root of the ratio of the longer
    text's norm to the shorter's (halfway between cosine and containment: a restatement that tells part of the
    case, or adds to it, still matches), times ``matter`` (:func:`_matter_factor`: the matters they share), at
    most 1; times ``penalty`` when both types are known and share none."""
    lo, hi = np.minimum(a_norm, b_norm), np.maximum(a_norm, b_norm)
    s = np.minimum(1.0, s * np.sqrt(hi / np.where(lo > 0, lo, 1.0)) * matter)
    disjoint = ((a_types & b_types) == 0) & (a_types != 0) & (b_types != 0)
    return np.where(disjoint, s * penalty, s)


def _top_entries(vec, k: int):
    """Each row's ``k`` largest entries only (the rarest bigrams of each text)."""
    lengths = np.diff(vec.indptr)
    if not len(lengths) or lengths.max() <= k:
        return vec
    row = np.repeat(np.arange(vec.shape[0]), lengths)
    order = np.lexsort((-vec.data, row))
    rank = np.arange(len(order)) - np.repeat(vec.indptr[:-1], lengths)
    keep = np.sort(order[rank < k])
    counts = np.bincount(row[keep], minlength=vec.shape[0])
    return _csr(vec.data[keep], vec.indices[keep], np.concatenate(([0], np.cumsum(counts))), vec.shape)


def _row_best(sims) -> tuple[np.ndarray, np.ndarray]:
    """(best value, its column) of each row of a sparse matrix; 0 and -1 for an empty row."""
    sims = sims.tocsr()
    n = sims.shape[0]
    best, arg = np.zeros(n), np.full(n, -1, dtype=np.int64)
    if sims.nnz:
        lengths = np.diff(sims.indptr)
        nonempty = lengths > 0
        starts = sims.indptr[:-1][nonempty]
        best[nonempty] = np.maximum.reduceat(sims.data, starts)
        row = np.repeat(np.arange(n), lengths)
        at = sims.data >= best[row]  # the first entry equal to its row's best
        first = np.flatnonzero(at)
        keep = np.unique(row[first], return_index=True)[1]
        arg[row[first[keep]]] = sims.indices[first[keep]]
    return best, arg


_KEY = np.int64(24)  # a posting's key: the block's number above the bigram's column
_PRODUCT_BUDGET = 20_000_000  # posting entries one sparse product of a search may sum (its memory: ~12 bytes each)


def _merged(places) -> tuple:
    """The most specific of agreeing places: each level the first known one."""
    out = [None, None, None]
    for place in places:
        for k, v in enumerate(place):
            if out[k] is None and v is not None:
                out[k] = v
    return tuple(out)


def _csr(data, indices, indptr, shape):
    from scipy import sparse

    return sparse.csr_matrix((data, indices, indptr), shape=shape)


def _triplets_to_part(rows: np.ndarray, keys: np.ndarray, weights: np.ndarray, local: np.ndarray):
    """One part of the postings: (index rows, sorted keys, key × petition weights) from (key, petition, weight)
    triplets; ``local``: each triplet's petition as a position in ``rows``."""
    from scipy import sparse

    uniq, inv = np.unique(keys, return_inverse=True)
    m = sparse.csr_matrix((weights, (inv, local)), shape=(len(uniq), len(rows)), dtype=np.float32)
    return rows, uniq, m


class _Postings:
    """Every petition's weights, as inverted lists keyed by (place block, bigram column): a query multiplied
    with its own block's keys touches the petitions of that block only, and one product per part serves the
    whole batch, whatever the number of blocks.  Parts are merged as they grow (sizes roughly halving, as in a
    log-structured merge), so a batch meets a handful of parts."""

    __slots__ = ("parts",)

    def __init__(self):
        self.parts: list[tuple] = []

    def copy(self) -> "_Postings":
        new = _Postings()
        new.parts = list(self.parts)
        return new

    def append(self, rows: np.ndarray, vec, blocks: np.ndarray) -> None:
        n = vec.shape[0]
        if not n:
            return
        local = np.repeat(np.arange(n), np.diff(vec.indptr))
        keys = blocks[local].astype(np.int64) << _KEY | vec.indices.astype(np.int64)
        self.parts.append(_triplets_to_part(np.asarray(rows, dtype=np.int64), keys, vec.data, local))
        while len(self.parts) >= 2 and 2 * len(self.parts[-1][0]) >= len(self.parts[-2][0]):
            last, before = self.parts.pop(), self.parts.pop()
            self.parts.append(self._merge([before, last]))

    @staticmethod
    def _triplets(parts):
        keys, local, weights, rows, offset = [], [], [], [], 0
        for prows, pkeys, inv in parts:
            coo = inv.tocoo()
            keys.append(pkeys[coo.row])
            local.append(coo.col.astype(np.int64) + offset)
            weights.append(coo.data)
            rows.append(prows)
            offset += len(prows)
        return np.concatenate(rows), np.concatenate(keys), np.concatenate(weights), np.concatenate(local)

    def _merge(self, parts):
        rows, keys, weights, local = self._triplets(parts)
        return _triplets_to_part(rows, keys, weights, local)

    def forward(self, n_rows: int):
        """All petitions as rows (index order) over the bigram columns (CSR)."""
        from scipy import sparse

        if not self.parts:
            return sparse.csr_matrix((n_rows, _FEATURES), dtype=np.float32)
        rows, keys, weights, local = self._triplets(self.parts)
        cols = (keys & ((1 << _KEY) - 1)).astype(np.int32)
        m = sparse.csr_matrix((weights, (rows[local], cols)), shape=(n_rows, _FEATURES), dtype=np.float32)
        m.sort_indices()
        return m

    def search(self, q, pair_q: np.ndarray, pair_block: np.ndarray, adjust, floor: float,
               budget: int = _PRODUCT_BUDGET):
        """For each (query row, block) pair, the block's petitions it resembles: (pair, index row, similarity)
        of every similarity ≥ ``floor``, and each pair's best (similarity, index row) whatever its value;
        ``adjust(sims, query rows, index rows)`` turns cosines into the similarity used.  The products are cut
        so that none sums more than ``budget`` posting entries (bounded memory whatever a block's size)."""
        n = len(pair_q)
        best, best_row = np.zeros(n), np.full(n, -1, dtype=np.int64)
        found_p, found_r, found_s = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0)]
        if not n or not self.parts:
            return (found_p[0], found_r[0], found_s[0]), (best, best_row)
        starts = q.indptr[pair_q]
        lengths = q.indptr[pair_q + 1] - starts
        total = int(lengths.sum())
        owner = np.repeat(np.arange(n), lengths)
        idx = starts[owner] + np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        keys = pair_block[owner].astype(np.int64) << _KEY | q.indices[idx].astype(np.int64)
        data = q.data[idx]
        for rows, pkeys, inv in self.parts:
            pos = np.minimum(np.searchsorted(pkeys, keys), len(pkeys) - 1)
            hit = pkeys[pos] == keys
            h_owner, h_pos, h_data = owner[hit], pos[hit], data[hit]
            cost = np.cumsum(np.bincount(h_owner, weights=np.diff(inv.indptr)[h_pos], minlength=n))
            bounds = np.searchsorted(h_owner, np.arange(n + 1))  # each pair's first hit (owner is sorted)
            lo = 0
            while lo < n:
                hi = int(np.searchsorted(cost, (cost[lo - 1] if lo else 0.0) + budget, side="right"))
                hi = min(max(hi, lo + 1), n)
                e0, e1 = bounds[lo], bounds[hi]
                if e1 > e0:
                    indptr = bounds[lo:hi + 1] - e0
                    sims = (_csr(h_data[e0:e1], h_pos[e0:e1], indptr, (hi - lo, len(pkeys))) @ inv).tocsr()
                    if sims.nnz:
                        a = np.repeat(np.arange(lo, hi), np.diff(sims.indptr))
                        r = rows[sims.indices]
                        s = adjust(sims.data, pair_q[a], r)
                        sims.data = s.astype(np.float32)
                        val, arg = _row_best(sims)
                        better = val > best[lo:hi]
                        best[lo:hi][better], best_row[lo:hi][better] = val[better], rows[arg[better]]
                        keep = s >= floor
                        found_p.append(a[keep]), found_r.append(r[keep]), found_s.append(s[keep])
                lo = hi
        return (np.concatenate(found_p), np.concatenate(found_r), np.concatenate(found_s)), (best, best_row)


class RepeatIndex:
    """Repeat groups of petitions, built incrementally.

    threshold : similarity from which a petition repeats an earlier one (default: the setting
        ``PETITIONNLP_REPEAT_THRESHOLD``); a petition joins a group only when it is at least this similar both to
        one of its petitions and to its first
    max_df : reference share above which a bigram is left out of the vectors
    chunk : petitions searched together (bounds the memory of one step, with ``budget``)
    budget : the most posting entries one sparse product of a search sums (bounds its memory)
    cue_boost : how much more similar a petition that says it restates an earlier complaint (再次反映,
        多次反映未解决, 又在夜间生产: ``corpora/triage/repeat_cues.txt``) is taken to be to the earlier petitions
        of its place
    matter_boost, matter_penalty : how much more similar two petitions naming the same matters (油烟, 噪声,
        采砂 …: ``corpora/triage/matter_keys.txt``) are taken to be, and how much less two naming matters none
        of which they share (in between by the share)

    Records are dicts with ``id`` and ``text`` and, when known, ``province``, ``city``, ``county`` (the
    resolved place), ``pollution_types`` and ``receipt`` (a 受理编号 other petitions may cite).  :meth:`add`
    places them in groups; :meth:`match` says where they would go without keeping them; :meth:`discard` takes
    petitions out (a withdrawn batch).
    """

    def __init__(self, threshold: float | None = None, max_df: float = 0.05, type_penalty: float = 0.7,
                 place_penalty: float = 0.9, spot_penalty: float = 0.5, far_features: int = 24,
                 chunk: int = 20000, budget: int = _PRODUCT_BUDGET, cue_boost: float = CUE_BOOST,
                 matter_boost: float = MATTER_BOOST, matter_penalty: float = MATTER_PENALTY):
        self.threshold = threshold
        self.matter_boost = matter_boost
        self.matter_penalty = matter_penalty
        self.cue_boost = cue_boost
        self.max_df = max_df
        self.type_penalty = type_penalty
        self.place_penalty = place_penalty
        self.spot_penalty = spot_penalty
        self.far_features = far_features
        self.chunk = chunk
        self.budget = budget
        self._setup()

    def _setup(self, idf=None) -> None:
        if self.threshold is None:
            from .settings import get_settings

            self.threshold = float(get_settings().repeat_threshold)
        self.idf_ = idf if idf is not None else reference_idf(self.max_df)
        self.ids_: list[str] = []
        self.groups_: list[str] = []
        self.places_: list[tuple] = []
        self.types_ = np.zeros(0, dtype=np.int32)  # each row's pollution types as bits (0: not known)
        self.norms_ = np.zeros(0, dtype=np.float32)  # each row's vector norm before normalizing
        self.alive_ = np.zeros(0, dtype=bool)  # False for a discarded petition
        self.spots_ = np.zeros((0, 2 * SPOTS), dtype=np.int64)  # the towns and sites each names (_spot_codes)
        self.matters_ = np.zeros(0, dtype=np.int64)  # the matters each names (matter_keys)
        self.group_no_ = np.zeros(0, dtype=np.int64)  # each row's group, by number
        self.group_names_: list[str] = []  # group number → its id (its first petition's id)
        self.group_index_: dict[str, int] = {}
        self.anchor_: list[int] = []  # group number → the row of its first petition still kept
        self.group_place_: list[tuple] = []  # group number → the most specific place its petitions name
        self.type_names_: list[str] = []
        self.row_of_: dict[str, int] = {}
        self.receipts_: dict[str, int] = {}  # a 受理编号 → its row
        self.blocks_: dict[tuple, int] = {}  # place → its block's number
        self.postings_ = _Postings()
        self._by_city: dict[tuple, set] = {}
        self._by_province: dict[str | None, set] = {}

    # -- queries
    def __len__(self) -> int:
        return len(self.ids_)

    def __contains__(self, pid) -> bool:
        return str(pid) in self.row_of_

    def group_of(self, pid) -> str | None:
        row = self.row_of_.get(str(pid))
        return None if row is None else self.groups_[row]

    def groups(self, min_size: int = 1) -> dict[str, list[str]]:
        """group id → its petitions' ids in the order they were added (groups of ``min_size`` or more; a
        discarded petition is in none)."""
        out: dict[str, list[str]] = {}
        for pid, g, alive in zip(self.ids_, self.groups_, self.alive_):
            if alive:
                out.setdefault(g, []).append(pid)
        return {g: m for g, m in out.items() if len(m) >= min_size}

    def similarity(self, a: str, b: str, place: tuple = (None, None, None)) -> float:
        """The similarity the index uses, of two texts of one place (types not known)."""
        texts = [case_text(a, place), case_text(b, place)]
        v, n = _vectors(texts, self.idf_)
        zero = np.zeros(1, dtype=np.int32)
        m = matter_keys(texts)
        return float(_adjust(np.array([v[0].multiply(v[1]).sum()]), n[:1], n[1:], zero, zero, 1.0,
                             _matter_factor(m[:1], m[1:], self.matter_penalty, self.matter_boost))[0])

    # -- building
    def add(self, records: Iterable[dict]) -> list[str]:
        """Place each record in a group (in order; earlier records of the same call count as earlier
        petitions) and keep it; the group id of each.  A record whose id is already in the index keeps its
        group and is not added again."""
        return [m.group for m in self.add_matches(records)]

    def add_matches(self, records: Iterable[dict]) -> list[Match]:
        """As :meth:`add`, with the nearest earlier petition and the similarity behind each group."""
        records = list(records)
        out: list[Match] = []
        for i in range(0, len(records), self.chunk):
            out += self._assign(records[i:i + self.chunk])
        return out

    def match(self, records: Iterable[dict]) -> list[Match]:
        """Where each record would go (earlier records of the same call count), without keeping any."""
        return self.copy().add_matches(records)

    def extend(self, records: Iterable[dict], groups: Iterable[str]) -> "RepeatIndex":
        """Keep records whose groups are already decided (the office's stored petitions), without searching.
        A group's first petition is the record whose id names it, else its first record here."""
        records, groups = list(records), [str(g) for g in groups]
        if len(records) != len(groups):
            raise ValueError("one group per record")
        for i in range(0, len(records), self.chunk):
            pairs = [(r, g) for r, g in zip(records[i:i + self.chunk], groups[i:i + self.chunk])
                     if str(r["id"]) not in self.row_of_]
            if pairs:
                part = [r for r, _ in pairs]
                places = [place_key(r) for r in part]
                texts = [case_text(r.get("text"), place) for r, place in zip(part, places)]
                self._insert_named(part, [g for _, g in pairs], *_vectors(texts, self.idf_), places,
                                   spots=_spot_codes(texts), matters=matter_keys(texts))
        return self

    def discard(self, ids: Iterable) -> int:
        """Take petitions out (a withdrawn batch): they are no longer found nor listed in a group; a group whose
        first petition goes keeps its id, and its next petition becomes its first.  How many were taken out."""
        rows = [self.row_of_[str(pid)] for pid in ids if str(pid) in self.row_of_]
        rows = [r for r in rows if self.alive_[r]]
        if not rows:
            return 0
        self.alive_[rows] = False
        for g in {int(self.group_no_[r]) for r in rows}:
            members = np.flatnonzero((self.group_no_ == g) & self.alive_)
            if not len(members):
                self.anchor_[g] = -1
                continue
            own = self.row_of_.get(self.group_names_[g])
            self.anchor_[g] = own if own is not None and self.alive_[own] else int(members[0])
            self.group_place_[g] = _merged(self.places_[m] for m in members)
        return len(rows)

    def copy(self) -> "RepeatIndex":
        new = object.__new__(RepeatIndex)
        new.__dict__.update(self.__dict__)
        new.ids_, new.groups_, new.places_ = list(self.ids_), list(self.groups_), list(self.places_)
        new.group_names_, new.anchor_, new.group_place_ = list(self.group_names_), list(self.anchor_), \
            list(self.group_place_)
        new.group_index_, new.row_of_, new.receipts_ = dict(self.group_index_), dict(self.row_of_), \
            dict(self.receipts_)
        new.alive_ = self.alive_.copy()
        new.type_names_ = list(self.type_names_)
        new.blocks_ = dict(self.blocks_)
        new.postings_ = self.postings_.copy()
        new._by_city = {k: set(v) for k, v in self._by_city.items()}
        new._by_province = {k: set(v) for k, v in self._by_province.items()}
        return new

    # -- internals
    def _candidate_blocks(self, place: tuple) -> list[tuple]:
        """The blocks whose place agrees with ``place`` (an unknown level agrees with any)."""
        p, c, _ = place
        if c is not None:
            pool = set().union(*(self._by_city.get(key, ()) for key in ((p, c), (None, c), (p, None), (None, None))))
        elif p is not None:
            pool = self._by_province.get(p, set()) | self._by_province.get(None, set())
        else:
            pool = self.blocks_.keys()
        return [key for key in pool if _compatible(key, place)]

    def _with_matters(self, cos, a_norm, b_norm, a_types, b_types, a_matters, b_matters, lift) -> np.ndarray:
        """:func:`_adjust` of each pair's cosine, times the matters' factor (:func:`_matter_factor`) only for the
        pairs it could lift to the threshold (``lift``: what the caller multiplies in after, the restating cue's
        boost): a product's entries are mostly far below it, so the pairs found are exact, and a best similarity
        under the threshold may lack its factor."""
        s = _adjust(cos, a_norm, b_norm, a_types, b_types, self.type_penalty)
        near = np.flatnonzero(s * lift * max(self.matter_boost, 1.0) >= self.threshold)
        if len(near):
            s[near] = _adjust(cos[near], a_norm[near], b_norm[near], a_types[near], b_types[near], self.type_penalty,
                              _matter_factor(a_matters[near], b_matters[near], self.matter_penalty,
                                             self.matter_boost))
        return s

    def _search_index(self, vec, norms, places: list[tuple], bits, boost, matters):
        """The kept petitions each record resembles, among those whose place agrees: ((record, index row,
        similarity) of every similarity ≥ the threshold, sorted by record), and each record's best (similarity,
        index row) whatever its value."""
        n = len(places)
        by_place: dict[tuple, list[int]] = {}
        for j, place in enumerate(places):
            by_place.setdefault(place, []).append(j)
        pairs = {False: ([], [], []), True: ([], [], [])}  # near, far: (query, block, place factor)
        for place, js in by_place.items():
            for key in self._candidate_blocks(place):
                # a petition without a city against another city's petitions: far (the whole province)
                far = place[1] is None and key[1] is not None
                q, b, f = pairs[far]
                q.append(np.asarray(js, dtype=np.int64))
                b.append(np.full(len(js), self.blocks_[key], dtype=np.int64))
                f.append(np.full(len(js), self.place_penalty ** _unsure_levels(place, key)))

        alive = self.alive_

        def adjust(sims, qrows, rows):
            s = self._with_matters(sims, norms[qrows], self.norms_[rows], bits[qrows], self.types_[rows],
                                   matters[qrows], self.matters_[rows], boost[qrows]) * boost[qrows]
            return np.where(alive[rows], s, 0.0)

        found = [(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))]
        best, best_row = np.zeros(n), np.full(n, -1, dtype=np.int64)
        for far, (q, b, f) in pairs.items():
            if not q:
                continue
            q, b, f = np.concatenate(q), np.concatenate(b), np.concatenate(f)
            (p, r, s), (v, vr) = self.postings_.search(_top_entries(vec, self.far_features) if far else vec, q, b,
                                                       adjust, self.threshold, self.budget)
            s = s * f[p]
            keep = s >= self.threshold
            found.append((q[p[keep]], r[keep], s[keep]))
            v = v * f
            order = np.lexsort((-v, q))  # each record's best pair first
            first = order[np.unique(q[order], return_index=True)[1]]
            better = v[first] > best[q[first]]
            best[q[first[better]]], best_row[q[first[better]]] = v[first[better]], vr[first[better]]
        qs, rs, ss = (np.concatenate(x) for x in zip(*found))
        order = np.lexsort((-ss, qs))
        return (qs[order], rs[order], ss[order]), (best, best_row)

    def _search_within(self, vec, norms, places: list[tuple], bits, boost, matters):
        """The earlier records of the same chunk each record resembles, among those whose place agrees, compared
        city by city (records without a city join every city's comparison): ((record, earlier record, similarity)
        of every similarity ≥ the threshold, sorted by record), and each record's best (similarity, earlier
        record) whatever its value."""
        n = len(places)
        best, best_at = np.zeros(n), np.full(n, -1, dtype=np.int64)
        codes = [{}, {}, {}]
        level = np.array([[codes[i].setdefault(p[i], len(codes[i])) if p[i] is not None else -1 for i in range(3)]
                          for p in places], dtype=np.int64).reshape(n, 3)
        by_city: dict[int, list[int]] = {}
        loose = []
        for j in range(n):
            (by_city.setdefault(int(level[j, 1]), []) if level[j, 1] >= 0 else loose).append(j)
        groups = [np.asarray(sorted(m + loose)) for m in by_city.values()] or []
        if loose:
            groups.append(np.asarray(loose))
        found = [(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))]
        seen = set()  # loose records meet in every city's comparison: each pair once
        for members in groups:
            if len(members) < 2:
                continue
            sub = vec[members]
            cols, inv = _inverted(sub)
            sims = (_restrict(sub, cols) @ inv).tocoo()
            a, b, s = members[sims.row], members[sims.col], sims.data
            keep = b < a
            a, b, s = a[keep], b[keep], s[keep]
            s = self._with_matters(s, norms[a], norms[b], bits[a], bits[b], matters[a], matters[b], boost[a])
            unsure = ((level[a, 1] < 0) != (level[b, 1] < 0)).astype(int) + ((level[a, 2] < 0) != (level[b, 2] < 0))
            unsure[np.all(level[a] < 0, axis=1) | np.all(level[b] < 0, axis=1)] = 0
            s = s * self.place_penalty ** unsure * boost[a]  # the later one says it restates a complaint
            la, lb = level[a], level[b]
            ok = np.all((la == lb) | (la < 0) | (lb < 0), axis=1)
            a, b, s = a[ok], b[ok], s[ok]
            if loose and len(a):
                both_loose = (level[a, 1] < 0) & (level[b, 1] < 0)
                if both_loose.any():
                    fresh = np.array([(x, y) not in seen for x, y in zip(a[both_loose], b[both_loose])])
                    seen.update(zip(a[both_loose].tolist(), b[both_loose].tolist()))
                    mask = np.ones(len(a), bool)
                    mask[np.flatnonzero(both_loose)[~fresh]] = False
                    a, b, s = a[mask], b[mask], s[mask]
            if not len(a):
                continue
            order = np.lexsort((-s, a))  # by record, best first
            first = order[np.unique(a[order], return_index=True)[1]]
            better = s[first] > best[a[first]]
            best[a[first[better]]], best_at[a[first[better]]] = s[first[better]], b[first[better]]
            keep = s >= self.threshold
            found.append((a[keep], b[keep], s[keep]))
        qs, bs, ss = (np.concatenate(x) for x in zip(*found))
        order = np.lexsort((-ss, qs))
        return (qs[order], bs[order], ss[order]), (best, best_at)

    def _assign(self, records: list[dict]) -> list[Match]:
        ids = [str(r["id"]) for r in records]
        out: list[Match | None] = [None] * len(records)
        seen: dict[str, int] = {}
        fresh = []
        for i, pid in enumerate(ids):
            if pid in self.row_of_:
                out[i] = Match(self.group_of(pid), None, 0.0)
            elif pid in seen:  # the same id twice in one call: one petition
                out[i] = None
            else:
                seen[pid] = i
                fresh.append(i)
        places = [place_key(records[i]) for i in fresh]
        texts = [case_text(records[i].get("text"), place) for i, place in zip(fresh, places)]
        vec, norms = _vectors(texts, self.idf_)
        bits = self._type_bits([records[i] for i in fresh])
        spot = _spot_codes(texts)
        matters = matter_keys(texts)
        boost = np.array([self.cue_boost if says_repeat(records[i].get("text")) else 1.0 for i in fresh])
        (iq, irow, isim), (ibest, ibest_row) = self._search_index(vec, norms, places, bits, boost, matters)
        (wq, wb, wsim), (wbest, wbest_at) = self._search_within(vec, norms, places, bits, boost, matters)
        start = len(self.ids_)  # the rows the fresh records will have, in order
        i_at = np.searchsorted(iq, np.arange(len(fresh) + 1))
        w_at = np.searchsorted(wq, np.arange(len(fresh) + 1))
        # petitions that name different towns or sites are less alike (the anchor's similarity too), and the
        # matters they share do not make them more alike: the same nuisance at another village is a twin
        isim = np.where(_spots_differ(spot[iq], self.spots_[irow]), isim * self.spot_penalty / np.maximum(
            _matter_factor(matters[iq], self.matters_[irow], self.matter_penalty, self.matter_boost), 1.0), isim)
        wsim = np.where(_spots_differ(spot[wq], spot[wb]), wsim * self.spot_penalty / np.maximum(
            _matter_factor(matters[wq], matters[wb], self.matter_penalty, self.matter_boost), 1.0), wsim)
        irow, isim, wrow, wsim = irow.tolist(), isim.tolist(), (wb + start).tolist(), wsim.tolist()
        receipts: dict[str, int] = {}  # this chunk's receipt numbers → rows
        chunk_groups: list[int] = []
        chunk_ids = [ids[i] for i in fresh]
        for j, i in enumerate(fresh):
            cands = dict(zip(irow[i_at[j]:i_at[j + 1]], isim[i_at[j]:i_at[j + 1]]))
            cands.update(zip(wrow[w_at[j]:w_at[j + 1]], wsim[w_at[j]:w_at[j + 1]]))
            group, nearest, score = self._best_group(cands, places[j], start, chunk_groups, chunk_ids)
            cited = self._cited(texts[j], receipts, start, chunk_groups, chunk_ids)
            if cited is not None:
                (group, nearest), score = cited, 1.0
            if group is None:  # a group of its own; nearest: the most similar earlier petition, not similar enough
                group = self._new_group(ids[i], start + j, places[j])
                nearest, score = None, 0.0
                if wbest_at[j] >= 0 and wbest[j] >= ibest[j]:
                    nearest, score = ids[fresh[wbest_at[j]]], float(wbest[j])
                elif ibest_row[j] >= 0:
                    nearest, score = self.ids_[ibest_row[j]], float(ibest[j])
                score = min(score, self.threshold - 1e-4)  # below the threshold, as rounded
            else:
                self.group_place_[group] = _merged((self.group_place_[group], places[j]))
            chunk_groups.append(group)
            receipt = records[i].get("receipt")
            if isinstance(receipt, str) and receipt:
                receipts[receipt] = start + j
            out[i] = Match(self.group_names_[group], nearest, round(min(float(score), 1.0), 4))
        self._insert([records[i] for i in fresh], chunk_groups, vec, norms, places, bits, spots=spot, matters=matters)
        return [m if m is not None else Match(self.group_of(pid), None, 0.0) for m, pid in zip(out, ids)]

    def _best_group(self, cands: dict, place: tuple, start: int, chunk_groups: list[int], chunk_ids: list[str]):
        """The group a record joins, from the earlier petitions it resembles (``cands``: row → similarity, each
        at least the threshold; rows from ``start`` on are this chunk's records, whose groups are
        ``chunk_groups``, ids ``chunk_ids``): of the groups whose place agrees with ``place``, the one most similar to it — a
        group's similarity is the lesser of the record's similarity to its most similar petition and to its first
        petition, so a group grows around its first complaint and never drifts through look-alikes.  (group
        number, that petition's id, the group's similarity), or (None, None, 0.0) when none reaches the
        threshold."""
        scored = []
        for row, s in cands.items():
            g = int(self.group_no_[row]) if row < start else chunk_groups[row - start]
            if not _compatible(self.group_place_[g], place):
                continue
            anchor = self.anchor_[g]
            scored.append((min(s, s if row == anchor else cands.get(anchor, 0.0)), s, g, row))
        scored = [x for x in scored if x[0] >= self.threshold]
        if not scored:
            return None, None, 0.0
        top = max(x[:2] for x in scored)[0]
        # of the groups about as similar (within NEAR_TIE), the oldest: a restatement that names less than
        # either complaint stays with the complaint reported first
        gs, _, g, row = min((x for x in scored if x[0] >= top - NEAR_TIE), key=lambda x: (x[2], -x[0], -x[1]))
        return g, (self.ids_[row] if row < start else chunk_ids[row - start]), gs

    def _new_group(self, name: str, row: int, place: tuple) -> int:
        g = len(self.group_names_)
        self.group_names_.append(name)
        self.group_index_[name] = g
        self.anchor_.append(row)
        self.group_place_.append(place)
        return g

    def _cited(self, text: str, receipts: dict, start: int, chunk_groups: list[int], chunk_ids: list[str]):
        """(group number, id) of an earlier petition whose id or receipt number (受理编号) the case text cites,
        or None."""
        def found(row):
            if row < start:
                return (int(self.group_no_[row]), self.ids_[row]) if self.alive_[row] else None
            return chunk_groups[row - start], chunk_ids[row - start]

        for code in cited_receipts(text):
            for table in (self.row_of_, self.receipts_, receipts):
                row = table.get(code)
                if row is not None and (got := found(row)) is not None:
                    return got
            for k, g in enumerate(chunk_groups):  # the earlier records of this chunk
                if chunk_ids[k] == code or (code.isdigit() and chunk_ids[k].endswith(code)):
                    return g, chunk_ids[k]
            if code.isdigit():  # 编号3438号: a receipt number ending in it
                for table in (self.receipts_, self.row_of_):
                    for pid, row in table.items():
                        if pid.endswith(code) and (got := found(row)) is not None:
                            return got
        return None

    def _type_bits(self, records: list[dict]) -> np.ndarray:
        out = np.zeros(len(records), dtype=np.int32)
        for k, r in enumerate(records):
            types = r.get("pollution_types")
            if isinstance(types, str):
                types = [t for t in re.split(r"[|,，、\s]+", types.strip("[]\"")) if t]
            for t in types or ():
                if t not in self.type_names_:
                    if len(self.type_names_) >= 31:
                        continue
                    self.type_names_.append(t)
                out[k] |= 1 << self.type_names_.index(t)
        return out

    def _insert_named(self, records: list[dict], names: list[str], vec, norms, places=None, bits=None,
                      alive=None, spots=None, matters=None) -> None:
        """Keep records whose groups are named (:meth:`extend`, :meth:`from_bytes`): a group not known yet
        starts at its first record here, or at the record whose id names it."""
        places = places if places is not None else [place_key(r) for r in records]
        start = len(self.ids_)
        alive = np.ones(len(records), bool) if alive is None else np.asarray(alive, bool)
        numbers = []
        for k, (r, name, place) in enumerate(zip(records, names, places)):
            g = self.group_index_.get(name)
            if g is None:
                g = self._new_group(name, start + k if alive[k] else -1, place if alive[k] else (None, None, None))
            elif alive[k]:
                if self.anchor_[g] < 0:
                    self.anchor_[g] = start + k
                self.group_place_[g] = _merged((self.group_place_[g], place))
            if alive[k] and str(r["id"]) == name:
                self.anchor_[g] = start + k
            numbers.append(g)
        self._insert(records, numbers, vec, norms, places, bits, alive, spots, matters)

    def _insert(self, records: list[dict], numbers: list[int], vec, norms, places=None, bits=None,
                alive=None, spots=None, matters=None) -> None:
        places = places if places is not None else [place_key(r) for r in records]
        bits = bits if bits is not None else self._type_bits(records)
        self.types_ = np.concatenate([self.types_, bits.astype(np.int32)])
        self.norms_ = np.concatenate([self.norms_, np.asarray(norms, dtype=np.float32)])
        self.alive_ = np.concatenate([self.alive_, np.ones(len(records), bool) if alive is None else alive])
        self.group_no_ = np.concatenate([self.group_no_, np.asarray(numbers, dtype=np.int64)])
        self.spots_ = np.concatenate([self.spots_, np.zeros((len(records), 2 * SPOTS), np.int64) if spots is None
                                      else np.asarray(spots, dtype=np.int64).reshape(len(records), 2 * SPOTS)])
        self.matters_ = np.concatenate([self.matters_, np.zeros(len(records), np.int64) if matters is None
                                        else np.asarray(matters, dtype=np.int64)])
        start = len(self.ids_)
        by_block: dict[tuple, list[int]] = {}
        for k, (r, g, place) in enumerate(zip(records, numbers, places)):
            pid = str(r["id"])
            self.row_of_[pid] = start + k
            receipt = r.get("receipt")
            if isinstance(receipt, str) and receipt:
                self.receipts_.setdefault(receipt, start + k)
            self.ids_.append(pid)
            self.groups_.append(self.group_names_[g])
            self.places_.append(place)
            by_block.setdefault(place, []).append(k)
        for place in by_block:
            if place not in self.blocks_:
                self.blocks_[place] = len(self.blocks_)
                self._by_city.setdefault((place[0], place[1]), set()).add(place)
                self._by_province.setdefault(place[0], set()).add(place)
        blocks = np.array([self.blocks_[p] for p in places], dtype=np.int64)
        self.postings_.append(np.arange(start, start + len(records)), vec, blocks)

    # -- the state, without pickle
    def to_bytes(self) -> bytes:
        """The whole index as an ``.npz`` (plain arrays; read back with :meth:`from_bytes`)."""
        from scipy import sparse

        m = self.postings_.forward(len(self.ids_))
        place_names = sorted(set(self.places_), key=lambda t: tuple(x or "" for x in t))
        place_no = {p: i for i, p in enumerate(place_names)}
        meta = {"format": "petitionnlp.repeats/1", "threshold": self.threshold, "max_df": self.max_df,
                "type_penalty": self.type_penalty, "place_penalty": self.place_penalty,
                "spot_penalty": self.spot_penalty, "cue_boost": self.cue_boost,
                "matter_boost": self.matter_boost, "matter_penalty": self.matter_penalty,
                "far_features": self.far_features, "chunk": self.chunk, "budget": self.budget,
                "idf_unknown": self.idf_[2],
                "places": [list(p) for p in place_names], "type_names": self.type_names_}
        buf = io.BytesIO()
        np.savez_compressed(
            buf, meta=np.array(json.dumps(meta, ensure_ascii=False)),
            ids=np.array(self.ids_, dtype=str), groups=np.array(self.groups_, dtype=str),
            places=np.array([place_no[p] for p in self.places_], dtype=np.int32),
            norms=self.norms_, types=self.types_, alive=self.alive_, spots=self.spots_, matters=self.matters_,
            receipts=np.array(list(self.receipts_), dtype=str),
            receipt_rows=np.array(list(self.receipts_.values()), dtype=np.int64),
            indptr=m.indptr.astype(np.int64), indices=m.indices.astype(np.int32), data=m.data.astype(np.float32),
            idf_codes=self.idf_[0], idf=self.idf_[1])
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> "RepeatIndex":
        from scipy import sparse

        z = np.load(io.BytesIO(blob), allow_pickle=False)
        meta = json.loads(str(z["meta"]))
        new = object.__new__(cls)
        if meta.get("format") != "petitionnlp.repeats/1":
            raise ValueError(f"not a repeat index: {meta.get('format')!r}")
        new.threshold, new.max_df, new.chunk = meta["threshold"], meta["max_df"], meta["chunk"]
        new.type_penalty, new.place_penalty = meta["type_penalty"], meta["place_penalty"]
        new.far_features, new.budget = meta["far_features"], meta.get("budget", _PRODUCT_BUDGET)
        new.spot_penalty = meta.get("spot_penalty", 1.0)
        new.cue_boost = meta.get("cue_boost", CUE_BOOST)
        # an index saved before the matters were kept: its petitions name none (factor 1)
        new.matter_boost = meta.get("matter_boost", MATTER_BOOST)
        new.matter_penalty = meta.get("matter_penalty", MATTER_PENALTY)
        new._setup((z["idf_codes"], z["idf"], float(meta["idf_unknown"])))
        new.type_names_ = list(meta["type_names"])
        places = [tuple(p) for p in meta["places"]]
        ids, groups = [str(x) for x in z["ids"]], [str(x) for x in z["groups"]]
        m = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=(len(ids), _FEATURES))
        if ids:
            alive = z["alive"] if "alive" in z.files else None
            new._insert_named([{"id": pid} for pid in ids], groups, m, z["norms"], [places[i] for i in z["places"]],
                              z["types"], alive, z["spots"] if "spots" in z.files else None,
                              z["matters"] if "matters" in z.files else None)
        if "receipts" in z.files:
            new.receipts_ = {str(k): int(r) for k, r in zip(z["receipts"], z["receipt_rows"])}
        return new

    def save(self, path) -> None:
        with open(path, "wb") as fh:
            fh.write(self.to_bytes())

    @classmethod
    def load(cls, path) -> "RepeatIndex":
        with open(path, "rb") as fh:
            return cls.from_bytes(fh.read())
