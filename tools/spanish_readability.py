"""Spanish reading ease (Fernández Huerta) with a rule-based syllable counter.

Standard library only. Why not textstat: its Pyphen-based Spanish counts come
out too low ("agua" 1, "evaluación" 3, no hiatus in "leer", "país", "río"),
which makes every score look easier than it is.

Syllable rules (spoken syllables, as RAE's Ortografía 2010 counts them):
- Every vowel group is one nucleus, split only at a hiatus: two vowels that are
  both "strong" (a, e, o) or a strong vowel next to an accented weak one
  (í, ú). A plain weak vowel (i, u, ü) always glides into its neighbour, so
  diphthongs (agua, ciudad) and triphthongs (buey, averiguáis) are one.
- ui / iu stay one syllable even with an accent (cuídate, construí): RAE
  treats them as diphthongs and the accent there only marks stress.
- Silent u in que, qui, gue, gui is dropped; ü is a vowel (pingüino).
- h is silent and ignored, so it neither splits nor blocks a diphthong:
  ahumado = ahu-ma-do (3), prohibir = proi-bir (2). The line-break division
  pro-hi-bir is spelling, not speech; the accent in "prohíbe" is there
  precisely because unaccented "prohi-" is a diphthong.
- y after a vowel at the end of a word is a glide (hoy, rey, Uruguay);
  anywhere else it is a consonant (ayuda, leyes).
- Every word has at least one syllable (so the conjunction "y" counts 1).
- An ALL-CAPS token of 2-5 letters, optionally with a plural "s", is an
  acronym read letter by letter: one syllable per letter (IEP 3, OT 2, IEPs 3).
  Caveat: short words in an all-caps heading ("NIÑO") are counted this way too,
  and letter names like "efe", "ele" really have two syllables.
- A number token counts one syllable per digit group ("2024" 1, "3,5" 2,
  "10:30" 2): a rough, documented proxy for how long numbers are to read.
"""
import re
import unicodedata

WEAK = set("iuü")  # plain weak vowels: always glide, never start a new syllable
VOWELS = set("aeoáéó") | WEAK | set("íú")  # í, ú act as strong: they break a diphthong

_ACRONYM = re.compile(r"[A-ZÁÉÍÓÚÜÑ]{2,5}s?")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+")  # a number or a run of letters
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")  # que, qui, gue, gui (not güe, güi)
_FINAL_Y = re.compile(r"(?<=[aeiouáéíóúü])y(?![^\W\d_])")  # hoy, rey, muy
_LIST_ITEM = re.compile(r"\s*(?:[-*•–·]|\d+[.)])\s+")  # "- ", "• ", "1. ", "2) "
_END = re.compile(r"[!?;]|\.(?!\d)")  # "3.5" and "1.000" are not sentence ends


def _nfc(text: str) -> str:
    # Web text may carry accents as combining marks; compose them first.
    return unicodedata.normalize("NFC", text)


def syllables(word: str) -> int:
    """Number of spoken syllables in one Spanish word (see module docstring)."""
    word = _nfc(word.strip())
    if _NUMBER.fullmatch(word):
        return len(re.findall(r"\d+", word))
    if _ACRONYM.fullmatch(word):
        return len(word.rstrip("s"))
    w = _SILENT_U.sub("", word.lower())
    w = w.replace("h", "")  # silent h: "ahumado" behaves like "aumado"
    w = _FINAL_Y.sub("i", w)
    count, prev = 0, None
    for ch in w:
        if ch not in VOWELS:
            prev = None
            continue
        # New nucleus unless this vowel joins the previous one in a diphthong.
        if prev is None or (prev not in WEAK and ch not in WEAK):
            count += 1
        prev = ch
    return max(count, 1)


def words(text: str) -> list[str]:
    """Words and numbers in the text, punctuation dropped."""
    return _TOKEN.findall(_nfc(text))


def sentences(text: str) -> list[str]:
    """Sentences: split at . ! ? ; at blank lines, and at each list item.

    ¿ and ¡ do not split: the matching ? or ! already ends the sentence, and
    splitting at a mid-sentence "¿" ("Si tiene dudas, ¿a quién llamo?") would
    count one sentence as two. Pieces without any word are ignored.
    """
    chunks, current = [], []
    for line in _nfc(text).splitlines():
        item = _LIST_ITEM.match(line)
        if item or not line.strip():  # a list item or blank line starts a new chunk
            chunks.append(" ".join(current))
            current = []
        current.append((line[item.end():] if item else line).strip())
    chunks.append(" ".join(current))
    return [piece.strip(" \t¿¡") for chunk in chunks
            for piece in _END.split(chunk) if _TOKEN.search(piece)]


def fernandez_huerta(text: str) -> float:
    """206.84 - 60 * syllables/word - 1.02 * words/sentence (higher is easier).

    Scale: 90-100 very easy, 80-90 easy, 70-80 fairly easy, 60-70 normal.
    """
    ws = words(text)
    if not ws:
        raise ValueError("text has no words")
    n_syllables = sum(syllables(w) for w in ws)
    return 206.84 - 60 * n_syllables / len(ws) - 1.02 * len(ws) / len(sentences(text))
