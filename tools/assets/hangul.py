"""Rule-based romanization helpers for Korean place names.

Pure functions, stdlib only. Used by build_assets.py to

* derive McCune-Reischauer (MR, with breves and apostrophes) from the
  northern Hangul spelling,
* derive Revised Romanization (RR) from the southern Hangul spelling,
* turn northern Hangul into the southern spelling (initial-sound law),
* build loose comparison keys so romanizations from different sources can
  be matched.

Place names are short Sino-Korean compounds, so the rules implemented are
the syllable-boundary assimilations that matter for them (nasalization,
lateralization, liaison, MR voicing).  Tensification and other
lexical exceptions are not modelled; every derived spelling is therefore
labelled "rule-based" by the caller.
"""

import re
import unicodedata

SBASE, LCOUNT, VCOUNT, TCOUNT = 0xAC00, 19, 21, 28
NCOUNT = VCOUNT * TCOUNT

# jamo indices
L_G, L_GG, L_N, L_D, L_DD, L_R, L_M, L_B, L_BB, L_S, L_SS, L_NG, L_J, L_JJ, \
    L_CH, L_K, L_T, L_P, L_H = range(19)
T_NONE, T_G, T_GG, T_GS, T_N, T_NJ, T_NH, T_D, T_L, T_LG, T_LM, T_LB, T_LS, \
    T_LT, T_LP, T_LH, T_M, T_B, T_BS, T_S, T_SS, T_NG, T_J, T_CH, T_K, T_T, \
    T_P, T_H = range(28)

V_MR = ["a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe",
        "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"]
V_RR = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
        "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]

# "sound class" of a final after neutralisation, before the next syllable
# K = velar stop, T = dental stop, P = labial stop, N, L, M, NG
_FINAL_CLASS = {
    T_NONE: None, T_G: "K", T_GG: "K", T_GS: "K", T_N: "N", T_NJ: "N",
    T_NH: "N", T_D: "T", T_L: "L", T_LG: "K", T_LM: "M", T_LB: "L",
    T_LS: "L", T_LT: "L", T_LP: "P", T_LH: "L", T_M: "M", T_B: "P",
    T_BS: "P", T_S: "T", T_SS: "T", T_NG: "NG", T_J: "T", T_CH: "T",
    T_K: "K", T_T: "T", T_P: "P", T_H: "T",
}
# final consonant moved to the next (vowel-initial) syllable: its initial
_LIAISON = {T_G: L_G, T_GG: L_GG, T_N: L_N, T_D: L_D, T_L: L_R, T_M: L_M,
            T_B: L_B, T_S: L_S, T_SS: L_SS, T_J: L_J, T_CH: L_CH, T_K: L_K,
            T_T: L_T, T_P: L_P, T_H: L_NG}


def is_hangul_syllable(ch):
    return SBASE <= ord(ch) < SBASE + LCOUNT * NCOUNT


def decompose(text):
    """Hangul syllables -> list of [L, V, T] index triples (others raise)."""
    out = []
    for ch in text:
        if not is_hangul_syllable(ch):
            raise ValueError("not a Hangul syllable: %r" % ch)
        s = ord(ch) - SBASE
        out.append([s // NCOUNT, (s % NCOUNT) // TCOUNT, s % TCOUNT])
    return out


def compose(triples):
    return "".join(chr(SBASE + (l * VCOUNT + v) * TCOUNT + t)
                   for l, v, t in triples)


# vowels i, y-diphthongs: the ones before which initial ㄹ/ㄴ drop in the south
_IY_VOWELS = {2, 3, 6, 7, 12, 17, 20}


def southern_spelling(word):
    """Apply the southern initial-sound law to the first syllable
    (량강 -> 양강, 녕변 -> 영변, 로동 -> 노동, 락원 -> 낙원)."""
    if not word or not is_hangul_syllable(word[0]):
        return word
    syl = decompose(word[0])[0]
    if syl[0] == L_R:
        syl[0] = L_NG if syl[1] in _IY_VOWELS else L_N
    elif syl[0] == L_N and syl[1] in _IY_VOWELS:
        syl[0] = L_NG
    return compose([syl]) + word[1:]


def _assimilate(sylls):
    """Apply boundary sound changes; return list of (initial, vowel, fclass)
    where initial is a jamo index (or "LL" for the second l of ll) and
    fclass the final's sound class after the change."""
    n = len(sylls)
    ini = [s[0] for s in sylls]
    vow = [s[1] for s in sylls]
    fin = [_FINAL_CLASS[s[2]] for s in sylls]
    raw_fin = [s[2] for s in sylls]
    for i in range(n - 1):
        f, nxt = fin[i], ini[i + 1]
        if f is None:
            continue
        if nxt == L_NG and raw_fin[i] in _LIAISON:   # liaison
            ini[i + 1] = _LIAISON[raw_fin[i]]   # (final ㅎ just disappears)
            fin[i] = None
            continue
        if nxt == L_R:
            if f in ("N", "L"):
                fin[i], ini[i + 1] = "L", "LL"         # ll
            elif f in ("M", "NG"):
                ini[i + 1] = L_N
            elif f == "K":
                fin[i], ini[i + 1] = "NG", L_N
            elif f == "P":
                fin[i], ini[i + 1] = "M", L_N
            elif f == "T":
                fin[i], ini[i + 1] = "N", L_N
            continue
        if nxt in (L_N, L_M):
            if f == "K":
                fin[i] = "NG"
            elif f == "P":
                fin[i] = "M"
            elif f == "T":
                fin[i] = "N"
            elif f == "L" and nxt == L_N:
                ini[i + 1] = "LL"
    return ini, vow, fin


_MR_INI_VOICELESS = {L_G: "k", L_GG: "kk", L_N: "n", L_D: "t", L_DD: "tt",
                     L_R: "r", L_M: "m", L_B: "p", L_BB: "pp", L_S: "s",
                     L_SS: "ss", L_NG: "", L_J: "ch", L_JJ: "tch",
                     L_CH: "ch'", L_K: "k'", L_T: "t'", L_P: "p'", L_H: "h",
                     "LL": "l"}
_MR_INI_VOICED = dict(_MR_INI_VOICELESS)
_MR_INI_VOICED.update({L_G: "g", L_D: "d", L_B: "b", L_J: "j"})
_MR_FIN = {None: "", "K": "k", "T": "t", "P": "p", "N": "n", "L": "l",
           "M": "m", "NG": "ng"}


def mr(word, apostrophe="’"):
    """McCune-Reischauer of a Hangul word (no spaces), capitalised."""
    sylls = decompose(word)
    ini, vow, fin = _assimilate(sylls)
    out = []
    for i in range(len(sylls)):
        prev_f = fin[i - 1] if i else None
        voiced_ctx = i > 0 and prev_f in (None, "N", "M", "NG", "L")
        table = _MR_INI_VOICED if voiced_ctx else _MR_INI_VOICELESS
        c = table[ini[i]]
        if i > 0 and prev_f == "L" and ini[i] in (L_D, L_J, L_S):
            c = _MR_INI_VOICELESS[ini[i]]     # tensed after ㄹ in Sino-Korean
        # MR separates n+g and n+vowel/ng+vowel ambiguities with an apostrophe
        if i > 0 and prev_f == "N" and c.startswith("g"):
            c = "'" + c
        out.append(c + V_MR[vow[i]] + _MR_FIN[fin[i]])
    s = "".join(out).replace("'", apostrophe)
    return s[:1].upper() + s[1:]


_RR_INI = {L_G: "g", L_GG: "kk", L_N: "n", L_D: "d", L_DD: "tt", L_R: "r",
           L_M: "m", L_B: "b", L_BB: "pp", L_S: "s", L_SS: "ss", L_NG: "",
           L_J: "j", L_JJ: "jj", L_CH: "ch", L_K: "k", L_T: "t", L_P: "p",
           L_H: "h", "LL": "l"}


def rr(word):
    """Revised Romanization of a Hangul word (no spaces), capitalised."""
    sylls = decompose(word)
    ini, vow, fin = _assimilate(sylls)
    out = []
    for i in range(len(sylls)):
        c = _RR_INI[ini[i]]
        out.append(c + V_RR[vow[i]] + _MR_FIN[fin[i]])
    s = "".join(out)
    return s[:1].upper() + s[1:]


def kcna_from_mr(mr_text):
    """DPRK English style from MR: drop breves, aspiration written with h
    (P'yŏng -> Phyong, T'aet'an -> Thaethan, Ch'ŏn -> Chon)."""
    s = mr_text.replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    s = re.sub(r"([Cc]h)'", r"\1", s)
    s = re.sub(r"([PpTtKk])'", r"\1h", s)
    s = s.replace("'", "").replace("-", "")
    return strip_diacritics(s)


def strip_diacritics(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c))


def ascii_slug(s):
    """Lowercase ASCII slug: 'Kim Hyong Jik' -> 'kim-hyong-jik'."""
    s = strip_diacritics(s).lower()
    s = re.sub(r"[’'ʼ‘]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def loose_key(s):
    """Comparison key that forgets the usual differences between KCNA,
    MR, RR-ish and ad-hoc spellings (aspiration marks, voicing, breves,
    spaces, r/l, eo/o, eu/u)."""
    s = strip_diacritics(s).lower()
    s = re.sub(r"[^a-z]", "", s)
    s = s.replace("eo", "o").replace("eu", "u")
    s = s.replace("ch", "c").replace("ph", "p").replace("th", "t") \
         .replace("kh", "k").replace("tch", "c")
    s = s.translate(str.maketrans({"j": "c", "g": "k", "d": "t", "b": "p",
                                   "l": "r"}))
    s = re.sub(r"(.)\1", r"\1", s)
    return s


# suffixes of administrative units, longest first
KO_SUFFIXES = [("구역", "district"), ("지구", "district"), ("구", "district"),
               ("군", "county"), ("시", "city")]


def split_ko_suffix(name):
    for suf, kind in KO_SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            return name[: -len(suf)], suf, kind
    return name, "", None


def plain_romanization(word):
    """Syllable-by-syllable romanization without sound changes, for
    matching keys (what ad-hoc sources tend to write: 'Rangrim')."""
    out = []
    for l, v, t in decompose(word):
        out.append(_MR_INI_VOICELESS[l].replace("'", "") + V_MR[v]
                   + _MR_FIN[_FINAL_CLASS[t]])
    return "".join(out)
