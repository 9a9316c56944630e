"""Words for the benchmark's generated texts: Spanish words from a fixed list, and made-up
words spelt in Mayan orthography (glottalised consonants, ä ë ï ö ü, and an apostrophe
written in each of the three ways people type it: U+0027 ', U+2019 ’ and U+02BC ʼ).

The made-up words are syllables put together, not words of any Mayan language: the
benchmark needs text that exercises accent and apostrophe folding, not translations.
"""

from __future__ import annotations

import random

APOSTROPHES = ("'", "\u2019", "\u02bc")
# The apostrophe in WORDS is this placeholder; each use picks one of APOSTROPHES.
_MARK = "\x01"

SPANISH = (
    "acceso", "información", "pública", "presupuesto", "municipal", "participación",
    "ciudadana", "rendición", "cuentas", "datos", "abiertos", "salud", "educación", "agua",
    "comunidad", "consulta", "pueblos", "indígenas", "idioma", "traducción", "portal",
    "compras", "contrataciones", "obras", "seguimiento", "denuncias", "archivo", "gestión",
    "región", "municipio", "alcaldía", "ministerio", "secretaría", "transparencia",
    "gobierno", "abierto", "plan", "acción", "compromiso", "hito", "calendario", "mesa",
    "técnica", "sociedad", "civil", "jóvenes", "mujeres", "niñez", "escuelas", "maestros",
    "carreteras", "puentes", "riego", "cosecha", "mercado", "café", "cardamomo", "bosques",
    "energía", "electricidad", "caminos", "rurales", "aldeas", "cantones", "señal",
    "internet", "radio", "comunitaria", "formularios", "trámites", "licencias", "registro",
    "catastro", "tierras", "becas", "hospitales", "medicinas", "vacunas", "nutrición",
    "seguridad", "alimentaria", "policía", "justicia", "juzgados", "defensoría", "derechos",
    "humanos", "migración", "remesas", "empleo", "capacitación", "tecnología", "sistema",
    "plataforma", "publicación", "mensual", "anual", "trimestral", "informe", "auditoría",
    "contraloría", "fiscalización", "licitación", "proveedores", "contratos", "montos",
    "ejecución", "financiera", "deuda", "impuestos", "recaudación", "tributaria", "fondos",
    "fideicomisos", "consejos", "desarrollo", "urbano", "comunitario", "cocodes", "comudes",
    "atención", "ventanilla", "única", "lenguas", "mayas", "garífuna", "xinka", "señas",
    "accesible", "discapacidad", "mejorar", "publicar", "crear", "fortalecer", "garantizar",
    "ampliar", "reducir", "medir", "evaluar", "capacitar", "traducir", "difundir", "abrir",
    "para", "con", "sin", "sobre", "entre", "desde", "hasta", "cada", "todos", "nuestra",
    "del", "de", "la", "el", "los", "las", "en", "y", "por", "que", "una", "un",
)

_ONSETS = (
    "b" + _MARK, "ch", "ch" + _MARK, "j", "k", "k" + _MARK, "l", "m", "n", "p", "q",
    "q" + _MARK, "r", "s", "t", "t" + _MARK, "tz", "tz" + _MARK, "w", "x", "y",
)
_VOWELS = ("a", "e", "i", "o", "u", "ä", "ë", "ï", "ö", "ü", "a", "i", "o")
_CODAS = ("", "", "", "l", "m", "n", "j", "k" + _MARK, "q" + _MARK, "b" + _MARK, "x",
          "tz" + _MARK, "r")


def _made_up_words(count: int) -> tuple[str, ...]:
    rng = random.Random("participa-bench-words")
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < count:
        syllables = rng.choice((1, 2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                       for _ in range(syllables))
        if _MARK in word and word not in seen:
            seen.add(word)
            words.append(word)
    return tuple(words)


# Every made-up word has at least one apostrophe (the placeholder _MARK).
MADE_UP = _made_up_words(400)

GIVEN_NAMES = (
    "María", "José", "Juana", "Francisco", "Ana", "Pedro", "Rosa", "Manuel", "Lucía",
    "Andrés", "Marta", "Tomás", "Elena", "Diego", "Sofía", "Martín", "Carmen", "Julián",
    "Inés", "Ramón", "Paula", "Sebastián", "Ángela", "Nicolás", "Lorena", "Óscar",
)
SURNAMES = (
    "López", "García", "Pérez", "Hernández", "Méndez", "Gómez", "Ramírez", "Cruz",
    "Chávez", "Morales", "Ordóñez", "Muñoz", "Díaz", "Castillo", "Juárez", "Velásquez",
)


def spell(word: str, rng: random.Random) -> str:
    """``word`` with each apostrophe written as one of the three apostrophes."""
    while _MARK in word:
        word = word.replace(_MARK, rng.choice(APOSTROPHES), 1)
    return word


def word(rng: random.Random, *, mayan_share: float = 0.3) -> str:
    if rng.random() < mayan_share:
        return spell(rng.choice(MADE_UP), rng)
    return rng.choice(SPANISH)


def words(rng: random.Random, count: int, *, mayan_share: float = 0.3) -> str:
    return " ".join(word(rng, mayan_share=mayan_share) for _ in range(count))


def sentence(rng: random.Random, low: int = 6, high: int = 18) -> str:
    text = words(rng, rng.randint(low, high))
    return text[:1].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def title(rng: random.Random, limit: int) -> str:
    text = words(rng, rng.randint(4, 11))
    return (text[:1].upper() + text[1:])[:limit].strip()


def person_name(rng: random.Random) -> str:
    """A Spanish given name and either a Spanish surname or a made-up Mayan one."""
    surname = (spell(rng.choice(MADE_UP), rng).capitalize() if rng.random() < 0.4
               else rng.choice(SURNAMES))
    return f"{rng.choice(GIVEN_NAMES)} {surname} {rng.choice(SURNAMES)}"
