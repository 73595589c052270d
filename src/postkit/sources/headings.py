"""Which topic field a heading (or the sentence before a list) names, in several languages.

"## Use cases", "## Beispiele", "Common mistakes include:" — the words of a
heading say what the list under it is: examples, tips, pitfalls, benefits or
how it works. Release notes have their own headings (Added, Corregido,
Nouveautés), and so do READMEs (Features, Installation, Como usar).
"""

from __future__ import annotations

import re
from functools import cache

# Heading or lead-in words that name a topic field (a list the post draws on), in
# this order: the first field whose words a heading holds wins.
FIELD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "pitfalls",
        (
            "pitfall", "pitfalls", "concern", "concerns", "risk", "risks", "challenge",
            "challenges", "limitation", "limitations", "drawback", "drawbacks", "downside",
            "downsides", "mistake", "mistakes", "caveat", "caveats", "dangers", "cons",
            "disadvantage", "disadvantages", "gotchas", "trade-offs", "tradeoffs", "pain points",
            "what can go wrong", "what went wrong", "did not work", "didn't work",
            "what we lost", "common problems", "troubleshooting", "difficulties",
            # es
            "riesgos", "desventajas", "inconvenientes", "limitaciones", "errores", "problemas",
            "dificultades", "lo que perdimos", "no funcionó",
            # de
            "risiken", "grenzen", "nachteile", "fallstricke", "fehler", "probleme",
            "stolpersteine", "schwierig", "schwierigkeiten",
            # fr
            "risques", "inconvénients", "limites", "erreurs", "pièges", "problèmes",
            "difficultés",
            # pt
            "riscos", "desvantagens", "limitações", "erros", "armadilhas", "dificuldades",
            "o que perdemos",
            # it
            "rischi", "svantaggi", "limiti", "errori", "problemi", "insidie", "difficoltà",
        ),
    ),
    (
        "tips",
        (
            "tip", "tips", "best practice", "best practices", "advice", "recommendation",
            "recommendations", "getting started", "how to start", "dos and don'ts",
            "do's and don'ts", "lessons learned", "checklist",
            "consejo", "consejos", "trucos", "recomendaciones", "buenas prácticas",
            "tipp", "tipps", "ratschläge", "empfehlungen",
            "conseil", "conseils", "astuces", "recommandations", "bonnes pratiques",
            "dica", "dicas", "recomendações", "boas práticas",
            "consiglio", "consigli", "suggerimenti", "raccomandazioni",
        ),
    ),
    (
        "benefits",
        (
            "benefit", "benefits", "advantage", "advantages", "why it matters", "pros",
            "value", "gains", "features", "key features",
            "ventajas", "beneficios", "vorteile", "nutzen", "avantages", "bénéfices",
            "vantagens", "benefícios", "vantaggi", "benefici",
        ),
    ),
    (
        "examples",
        (
            "example", "examples", "application", "applications", "use case", "use cases",
            "uses", "in practice", "in action", "real world", "real-world", "case study",
            "case studies", "tools",
            "ejemplo", "ejemplos", "aplicaciones", "casos de uso",
            "beispiel", "beispiele", "anwendungen", "anwendungsfälle",
            "exemple", "exemples", "cas d'usage",
            "exemplo", "exemplos", "aplicações",
            "esempio", "esempi", "applicazioni", "casi d'uso",
        ),
    ),
    (
        "explanation",
        (
            "how it works", "how does it work", "how do they work", "component", "components",
            "key concepts", "concepts", "overview", "architecture", "building blocks",
            "under the hood", "fundamentals", "how they work", "basics", "stages", "phases",
            "cómo funciona", "funcionamiento", "conceptos", "etapas",
            "so funktioniert", "wie funktioniert", "funktionsweise", "grundlagen",
            "comment ça marche", "fonctionnement", "étapes", "notions",
            "como funciona", "conceitos", "fases",
            "come funziona", "funzionamento", "concetti", "fasi",
        ),
    ),
)  # fmt: skip
# "How a disruption budget works", "Comment fonctionne …": how something works.
_HOW_IT_WORKS = re.compile(
    r"^how\b.*\bworks?\b|^(?:cómo|como|comment|come|wie)\b.*\b(?:funciona|fonctionne|funziona|"
    r"funktioniert)\b"
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# Release notes: the headings under a version, by the list they head.
CHANGE_BUCKETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "skip",
        re.compile(
            r"\b(?:documentation|docs|maintenance|chores?|dependenc(?:y|ies)|internal|"
            r"new contributors|contributors|full changelog|thank you|thanks|upgrading|"
            r"installation|install|dokumentation|documentación|wartung|mantenimiento|"
            r"agradecimientos|danke|merci|obrigad[oa])\b",
            re.IGNORECASE,
        ),
    ),
    (
        "fixed",
        re.compile(
            r"\b(?:fixed|fix(?:es)?|bug ?fix(?:es)?|bugs|security|corregido|correcciones|"
            r"seguridad|corrigé|corrections|sécurité|behoben|fehlerbehebungen|sicherheit|"
            r"corrigido|correções|segurança|corretto|correzioni|sicurezza)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "added",
        re.compile(
            r"\b(?:added|new|features?|highlights|what'?s new|añadido|agregado|nuevo|novedades|"
            r"ajouté|nouveau(?:tés)?|nouvelles fonctionnalités|hinzugefügt|neu|neuerungen|"
            r"adicionado|novo|novidades|aggiunto|nuovo|novità)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "changed",
        re.compile(
            r"\b(?:changed|changes|improved|improvements|removed|deprecated|breaking|"
            r"upgrade notes|performance|cambiado|cambios|eliminado|obsoleto|mejoras|modifié|"
            r"modifications|supprimé|obsolète|améliorations|geändert|änderungen|entfernt|"
            r"veraltet|verbesserungen|alterado|alterações|removido|obsoleto|melhorias|"
            r"modificato|modifiche|rimosso|deprecato|miglioramenti)\b",
            re.IGNORECASE,
        ),
    ),
)
# A change's own first word says which list it belongs to ("Fixed #318: …").
_CHANGE_VERBS = (
    ("fixed", re.compile(r"^(?:fix|fixed|fixes|corrig|behoben|correg|corret)", re.IGNORECASE)),
    (
        "added",
        re.compile(
            r"^(?:add|added|adds|new|ajout|añad|agreg|hinzu|neu|adicion|aggiun)", re.IGNORECASE
        ),
    ),
)

_FEATURES = re.compile(
    r"^\W*(?:key )?(?:features?|highlights|what it does|why use it|funktionen|features|"
    r"merkmale|características|funcionalidades|fonctionnalités|recursos|funzionalità|"
    r"caratteristiche)\b",
    re.IGNORECASE,
)
_START = re.compile(
    r"^\W*(?:usage|quick ?start|getting started|get started|how to use|how to start|"
    r"install(?:ation|ing)?|setup|set up|uso|cómo usar|como usar|instalación|instalação|"
    r"primeros pasos|primeiros passos|verwendung|benutzung|installation|schnellstart|"
    r"erste schritte|utilisation|démarrage rapide|premiers pas|utilizzo|installazione|"
    r"per iniziare)\b",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"^\W*(?:about|overview|introduction|intro|what is|why|description|sobre|acerca|"
    r"descripción|über|beschreibung|einführung|warum|à propos|présentation|pourquoi|"
    r"descrição|introdução|por que|informazioni|introduzione|perché)\b",
    re.IGNORECASE,
)
_STEPS = re.compile(
    r"^\W*(?:steps?|instructions|procedure|method|how to|paso a paso|pasos|instrucciones|"
    r"preparación|elaboración|schritte|anleitung|zubereitung|vorgehen|étapes|instructions|"
    r"préparation|marche à suivre|passo a passo|passos|instruções|modo de preparo|"
    r"preparo|procedimento|passaggi|istruzioni|preparazione)\b",
    re.IGNORECASE,
)
_LESSONS = re.compile(
    r"\b(?:learn(?:ed|t)|lessons?|takeaways?|what (?:we|i) changed|what changed|"
    r"what helped|aprendí|aprendimos|lecciones|lo que cambió|gelernt|lektionen|"
    r"verändert|erkenntnisse|appris|leçons|ce qui a changé|aprendi|aprendemos|lições|"
    r"o que mudou|ganhamos|imparato|lezioni|cosa è cambiato)\b",
    re.IGNORECASE,
)


def plain_words(text: str) -> str:
    """``Do's and Don'ts!`` → ``do's and don'ts``: headings and keys compared alike."""
    return " ".join(_WORD.findall(text.casefold().replace("-", " ").replace("’", "'")))


@cache
def _field_keys() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (name, tuple(f" {plain_words(key)} " for key in keys)) for name, keys in FIELD_WORDS
    )


def field_named_by(words: str) -> str | None:
    """The topic field that a heading or lead-in sentence names, if any."""
    plain = plain_words(words)
    padded = f" {plain} "
    for name, keys in _field_keys():
        if any(key in padded for key in keys):
            return name
    if _HOW_IT_WORKS.search(plain):
        return "explanation"
    return None


def change_bucket(heading: str) -> str | None:
    """Which list of a release a heading heads: added, changed, fixed, skip, or None."""
    for bucket, pattern in CHANGE_BUCKETS:
        if pattern.search(heading):
            return bucket
    return None


def change_verb(text: str) -> str:
    """Which list a change belongs to by its own first word; changed when it does not say."""
    for bucket, pattern in _CHANGE_VERBS:
        if pattern.match(text):
            return bucket
    return "changed"


def features_heading(heading: str) -> bool:
    """True for a README's "Features", "Funktionen", "Recursos"…"""
    return bool(_FEATURES.match(heading))


def start_heading(heading: str) -> bool:
    """True for a README's "Installation", "Usage", "Quick start", "Como usar"…"""
    return bool(_START.match(heading))


def about_heading(heading: str) -> bool:
    """True for "About", "Overview", "Why brewlog?", "Sobre"…"""
    return bool(_ABOUT.match(heading))


def steps_heading(heading: str) -> bool:
    """True for "Steps", "Paso a paso", "Anleitung", "Étapes"…"""
    return bool(_STEPS.match(heading))


def lessons_heading(heading: str) -> bool:
    """True for "What I learned", "Lo que aprendí", "Was sich verändert hat"…"""
    return bool(_LESSONS.search(heading))
