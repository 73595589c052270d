"""The post speaks the page's language: hooks, headings, links and calls to action.

English, Spanish, German, French and Portuguese each have a voice for every
tone (``voices/LANG/TONE.j2``); a page in another language drafts in English
and says so once on stderr. The pages here are written in their language, so
an English word in a draft can only come from postkit's own phrases.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from helpers import run_postkit
from postkit.drafting import draft_variants, render_post
from postkit.model import TONES, DraftOptions, Example, Post, Topic
from postkit.render.catalogue import builtin_template_dir, languages, voice_for
from postkit.render.compose import environment
from postkit.render.kinds import KINDS
from postkit.sources.prose import sentences

LANGUAGES = ("es", "de", "fr", "pt")
PLATFORMS = ("linkedin", "x", "bluesky", "mastodon", "threads")
SEEDS = (0, 1, 2)
URL = "https://example.com/p/1"

# Words of postkit's English phrases that no page below uses in its own language.
ENGLISH = {
    "the",
    "and",
    "your",
    "you",
    "what",
    "what's",
    "here's",
    "how",
    "steps",
    "tips",
    "takeaways",
    "full",
    "check",
    "meet",
    "just",
    "shipped",
    "released",
    "features",
    "getting",
    "started",
    "picks",
    "new",
    "with",
    "this",
    "more",
    "worth",
    "key",
    "ever",
    "really",
    "hello",
    "everyone",
}


def named(texts: tuple[str, ...]) -> tuple[Example, ...]:
    """``("Name", "Its line.", …)`` → examples."""
    return tuple(Example(name, text) for name, text in zip(texts[::2], texts[1::2], strict=True))


def pages(lang: str, texts: dict[str, tuple[str, ...]]) -> dict[str, Topic]:
    """One page of each kind in a language, from a few sentences of it."""
    t = texts
    return {
        "concept": Topic(
            title=t["concept"][0],
            summary=t["concept"][1],
            explanation=t["concept"][2:4],
            tips=t["concept"][4:6],
            language=lang,
            url=URL,
        ),
        "article": Topic(
            title=t["article"][0],
            summary=t["article"][1],
            explanation=t["article"][2:],
            kind="article",
            language=lang,
            url=URL,
            hashtags=("devops",),
        ),
        "howto": Topic(
            title=t["howto"][0],
            summary=t["howto"][1],
            steps=t["howto"][2:5],
            tips=t["howto"][5:],
            kind="howto",
            language=lang,
            url=URL,
        ),
        "listicle": Topic(
            title=t["listicle"][0],
            summary=t["listicle"][1],
            items=named(t["listicle"][2:]),
            kind="listicle",
            language=lang,
            url=URL,
        ),
        "changelog": Topic(
            title="Acme",
            summary=t["changelog"][0],
            version="1.4.0",
            added=t["changelog"][1:3],
            changed=t["changelog"][3:4],
            fixed=t["changelog"][4:],
            kind="changelog",
            language=lang,
            url=URL,
        ),
        "readme": Topic(
            title="Acme",
            summary=t["readme"][0],
            items=named(t["readme"][1:5]),
            steps=t["readme"][5:],
            kind="readme",
            language=lang,
            url=URL,
        ),
        "resources": Topic(
            title=t["resources"][0],
            summary=t["resources"][1],
            items=named(t["resources"][2:]),
            kind="resources",
            language=lang,
            url=URL,
        ),
    }


SPANISH = pages(
    "es",
    {
        "concept": (
            "Masa madre",
            "La masa madre es un fermento de harina y agua que sustituye a la levadura.",
            "Las bacterias del fermento dan al pan su sabor ácido.",
            "Hay que alimentarla a diario para que siga activa.",
            "Usa harina integral al principio.",
            "Guárdala en la nevera si horneas poco.",
        ),
        "article": (
            "Por qué dejamos los microservicios",
            "Tras dos años con veinte servicios, volvimos a una sola aplicación.",
            "El coste de operar cada servicio superaba lo que ganábamos.",
            "Los despliegues fueron más sencillos con un único artefacto.",
        ),
        "howto": (
            "Cómo publicar un sitio con Hugo",
            "Publicar un sitio estático lleva unos minutos.",
            "Crea el sitio desde la terminal.",
            "Elige un tema y añádelo como submódulo.",
            "Sube la carpeta public a tu servidor.",
            "Fija la versión de Hugo en el servidor.",
        ),
        "listicle": (
            "Cinco hábitos para revisar código",
            "Revisar código es la mejor forma de aprender en equipo.",
            "Cambios pequeños",
            "Se revisan mejor y antes.",
            "Primero las pruebas",
            "Cuentan qué se quería hacer.",
            "Preguntar antes que ordenar",
            "Una pregunta abre la conversación.",
        ),
        "changelog": (
            "Acme es un cliente HTTP ligero para Python.",
            "Tiempo de espera por petición.",
            "Reintentos configurables.",
            "Diez redirecciones como máximo.",
            "Las cookies vacías ya no se pierden.",
        ),
        "readme": (
            "Acme es un cliente HTTP ligero para Python, con reintentos incluidos.",
            "Sencillo",
            "Una sola función para cada petición.",
            "Rápido",
            "Reutiliza las conexiones.",
            "pip install acme",
            "Importa acme en tu código.",
        ),
        "resources": (
            "Recursos de Python en español",
            "Una lista de libros, cursos y comunidades para aprender Python.",
            "Python para todos",
            "Un libro gratuito para empezar desde cero.",
            "Comunidad Python Argentina",
            "Un foro activo y acogedor.",
            "Real Python",
            "Tutoriales claros y detallados.",
            "Django Girls",
            "Talleres gratuitos para principiantes.",
        ),
    },
)
GERMAN = pages(
    "de",
    {
        "concept": (
            "Sauerteig",
            "Sauerteig ist ein Gemisch aus Mehl und Wasser, das Brot ohne Hefe lockert.",
            "Milchsäurebakterien geben dem Brot seinen Geschmack.",
            "Der Teig muss regelmäßig gefüttert werden.",
            "Nimm am Anfang Vollkornmehl.",
            "Im Kühlschrank hält er eine Woche.",
        ),
        "article": (
            "Warum wir zurück zum Monolithen gegangen sind",
            "Nach zwei Jahren mit zwanzig Diensten haben wir wieder eine Anwendung.",
            "Der Betrieb jedes Dienstes kostete mehr, als er brachte.",
            "Deployments wurden mit einem Artefakt einfacher.",
        ),
        "howto": (
            "Eine Website mit Hugo veröffentlichen",
            "Eine statische Website ist in wenigen Minuten online.",
            "Lege die Seite im Terminal an.",
            "Wähle ein Theme und binde es als Submodul ein.",
            "Lade den Ordner public auf deinen Server.",
            "Lege die Hugo-Version auf dem Server fest.",
        ),
        "listicle": (
            "Fünf Gewohnheiten für gute Code-Reviews",
            "Code-Reviews sind der beste Weg, im Team zu lernen.",
            "Kleine Änderungen",
            "Sie lassen sich schneller prüfen.",
            "Zuerst die Tests",
            "Sie zeigen, was gemeint war.",
            "Fragen statt anordnen",
            "Eine Frage öffnet das Gespräch.",
        ),
        "changelog": (
            "Acme ist ein schlanker HTTP-Client für Python.",
            "Zeitlimit pro Anfrage.",
            "Einstellbare Wiederholungen.",
            "Höchstens zehn Weiterleitungen.",
            "Leere Cookies gehen nicht mehr verloren.",
        ),
        "readme": (
            "Acme ist ein schlanker HTTP-Client für Python mit eingebauten Wiederholungen.",
            "Einfach",
            "Eine Funktion pro Anfrage.",
            "Schnell",
            "Verbindungen werden wiederverwendet.",
            "pip install acme",
            "Importiere acme in deinem Code.",
        ),
        "resources": (
            "Python-Ressourcen auf Deutsch",
            "Eine Liste von Büchern, Kursen und Gruppen zum Python-Lernen.",
            "Python-Kurs",
            "Ein kostenloses Buch für den Einstieg.",
            "Python-Forum",
            "Ein aktives und freundliches Forum.",
            "PyCon DE",
            "Die Konferenz der Szene.",
            "Django Girls",
            "Kostenlose Workshops für Einsteigerinnen.",
        ),
    },
)
FRENCH = pages(
    "fr",
    {
        "concept": (
            "Levain",
            "Le levain est un mélange de farine et d'eau qui fait lever le pain sans levure.",
            "Les bactéries lactiques donnent au pain son goût acidulé.",
            "Il faut le nourrir chaque jour.",
            "Commencez avec de la farine complète.",
            "Au frigo, il se garde une semaine.",
        ),
        "article": (
            "Pourquoi nous sommes revenus au monolithe",
            "Après deux ans avec vingt services, nous avons retrouvé une seule application.",
            "Exploiter chaque service coûtait plus qu'il ne rapportait.",
            "Les déploiements sont plus simples avec un seul artefact.",
        ),
        "howto": (
            "Publier un site avec Hugo",
            "Un site statique se met en ligne en quelques minutes.",
            "Créez le site dans le terminal.",
            "Choisissez un thème et ajoutez-le comme sous-module.",
            "Envoyez le dossier public sur votre serveur.",
            "Fixez la version de Hugo sur le serveur.",
        ),
        "listicle": (
            "Cinq habitudes pour relire du code",
            "La relecture de code est le meilleur moyen d'apprendre en équipe.",
            "Petits changements",
            "Ils se relisent plus vite.",
            "Les tests d'abord",
            "Ils disent ce qui était voulu.",
            "Demander plutôt qu'ordonner",
            "Une question ouvre la discussion.",
        ),
        "changelog": (
            "Acme est un client HTTP léger pour Python.",
            "Délai d'attente par requête.",
            "Nouvelles tentatives réglables.",
            "Dix redirections au maximum.",
            "Les cookies vides ne sont plus perdus.",
        ),
        "readme": (
            "Acme est un client HTTP léger pour Python, avec nouvelles tentatives intégrées.",
            "Simple",
            "Une seule fonction par requête.",
            "Rapide",
            "Les connexions sont réutilisées.",
            "pip install acme",
            "Importez acme dans votre code.",
        ),
        "resources": (
            "Ressources Python en français",
            "Une liste de livres, de cours et de communautés pour apprendre Python.",
            "Zeste de Savoir",
            "Des tutoriels gratuits pour débuter.",
            "AFPy",
            "L'association francophone, son forum et ses rencontres.",
            "PyConFR",
            "La conférence annuelle.",
            "Django Girls",
            "Des ateliers gratuits pour débutantes.",
        ),
    },
)
PORTUGUESE = pages(
    "pt",
    {
        "concept": (
            "Fermento natural",
            "O fermento natural é uma mistura de farinha e água que faz o pão crescer.",
            "As bactérias dão ao pão um sabor ácido.",
            "É preciso alimentá-lo todos os dias.",
            "Comece com farinha integral.",
            "Na geladeira, ele dura uma semana.",
        ),
        "article": (
            "Por que voltamos ao monólito",
            "Depois de dois anos com vinte serviços, voltamos a ter uma só aplicação.",
            "Operar cada serviço custava mais do que rendia.",
            "Os deploys ficaram mais simples com um único artefato.",
        ),
        "howto": (
            "Como publicar um site com Hugo",
            "Um site estático vai ao ar em poucos minutos.",
            "Crie o site no terminal.",
            "Escolha um tema e adicione como submódulo.",
            "Envie a pasta public para o seu servidor.",
            "Fixe a versão do Hugo no servidor.",
        ),
        "listicle": (
            "Cinco hábitos para revisar código",
            "Revisar código é a melhor forma de aprender em equipe.",
            "Mudanças pequenas",
            "São revisadas mais rápido.",
            "Primeiro os testes",
            "Eles mostram o que se queria fazer.",
            "Perguntar em vez de mandar",
            "Uma pergunta abre a conversa.",
        ),
        "changelog": (
            "Acme é um cliente HTTP leve para Python.",
            "Tempo limite por requisição.",
            "Novas tentativas configuráveis.",
            "No máximo dez redirecionamentos.",
            "Cookies vazios não são mais perdidos.",
        ),
        "readme": (
            "Acme é um cliente HTTP leve para Python, com novas tentativas embutidas.",
            "Simples",
            "Uma só função por requisição.",
            "Rápido",
            "As conexões são reaproveitadas.",
            "pip install acme",
            "Importe acme no seu código.",
        ),
        "resources": (
            "Recursos de Python em português",
            "Uma lista de livros, cursos e comunidades para aprender Python.",
            "Python para Zumbis",
            "Um curso gratuito para começar do zero.",
            "Python Brasil",
            "A comunidade, com grupos em todo o país.",
            "Pyladies",
            "Encontros e mentoria.",
            "Django Girls",
            "Oficinas gratuitas para iniciantes.",
        ),
    },
)
PAGES = {"es": SPANISH, "de": GERMAN, "fr": FRENCH, "pt": PORTUGUESE}


@cache
def draft(lang: str, kind: str, platform: str, tone: str, seed: int) -> Post:
    return render_post(PAGES[lang][kind], DraftOptions(platform=platform, tone=tone, seed=seed))


def english_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[\w'’]+", text.lower()) if word in ENGLISH}


@cache
def voice_module(path: str, kind: str = "concept") -> object:
    """A voice as templates see it (the names it sets)."""
    context = {"title": "Acme", "topic": {"summary": "Acme."}, "kind": kind}
    return environment().get_template(path).make_module({**context, "product": "Acme"})


# ---------------------------------------------------------------- each language its own phrases


def test_five_languages_speak_in_every_tone() -> None:
    spoken = languages()
    assert list(spoken)[:1] == ["en"]
    for lang in ("en", *LANGUAGES):
        assert set(TONES) <= set(spoken[lang]), lang


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_english_in_a_draft_of_a_page_in_another_language(
    lang: str, kind: str, platform: str, tone: str
) -> None:
    for seed in SEEDS:
        post = draft(lang, kind, platform, tone, seed)
        assert not post.warnings
        assert not english_words(post.text), (seed, english_words(post.text), post.text)
        assert URL in post.text  # the link line, in the language


def test_the_english_check_would_see_english() -> None:
    spanish_in_english = replace(SPANISH["howto"], language="en")
    found = english_words(render_post(spanish_in_english, DraftOptions(seed=1)).text)
    assert found  # the same page drafted with English phrases


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_phrases_for_each_kind(lang: str, kind: str, tone: str) -> None:
    """No hook, call to action, heading or link label is the English one."""
    own = voice_module(f"voices/{lang}/{tone}.j2", kind)
    english = voice_module(f"voices/{tone}.j2", kind)
    # The forms for one item (tips_heading_one…) are optional: a language whose
    # heading reads the same over one item needs none.
    names = [name for name in vars(english) if not name.startswith("_")]
    names = [name for name in names if not name.endswith("_one")]
    names = [name for name in names if name not in ("summary", "short_items", "page_kind")]
    assert len(names) >= 10
    for name in names:
        theirs, ours = getattr(own, name, None), getattr(english, name)
        assert theirs is not None, f"voices/{lang}/{tone}.j2 has no {name}"
        if isinstance(ours, str) and ours not in ("Acme", ""):
            assert theirs != ours, name
        elif isinstance(ours, list | tuple):
            shared = set(map(str, ours)) & set(map(str, theirs)) - {"Acme"}
            assert not shared, (name, shared)


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("lang", ("en", *LANGUAGES))
def test_every_counted_heading_has_its_form_for_one(lang: str, tone: str) -> None:
    """A heading that names its items in the plural has a singular form."""
    path = f"voices/{tone}.j2" if lang == "en" else f"voices/{lang}/{tone}.j2"
    # Headings that read the same over one item or many, reviewed one by one.
    neutral = {
        "Here's how it works:", "How it works:", "Where you'll see it in action:",
        "Where it is used today:", "Why it matters:", "See it in action:", "Why care:",
        "Do this:", "Avoid this:", "Here's how, step by step:", "What it does:",
        "Así funciona:", "Dónde se usa:", "Por qué importa:", "Cómo funciona:",
        "Dónde se utiliza hoy:", "Por qué es relevante:", "En acción:", "Haz esto:",
        "Evita esto:", "Paso a paso:", "Lo clave:", "Qué hace:", "Y además:",
        "So funktioniert es:", "Wo es zum Einsatz kommt:", "Warum es wichtig ist:",
        "Funktionsweise:", "Wo es heute eingesetzt wird:", "Warum es relevant ist:",
        "So geht's:", "In Aktion:", "Warum das zählt:", "Mach das:", "Lass das:",
        "Schritt für Schritt:", "Das Wichtigste:", "Was es kann:", "Eine Auswahl:",
        "Top-Auswahl:", "Comment ça marche :", "Pourquoi c'est important :", "Fonctionnement :",
        "En action :", "Pourquoi ça compte :", "À faire :", "À éviter :", "Étape par étape :",
        "Ce qu'il faut retenir :", "L'essentiel :", "Ce que ça fait :", "En bonus :",
        "Ma sélection :", "Une sélection :", "Le top :", "Como funciona:",
        "Onde isso aparece na prática:", "Por que isso importa:", "Por que é relevante:",
        "Na prática:", "Por que importa:", "Faça isso:", "Evite isso:", "Passo a passo:",
        "O essencial:", "O que faz:", "Bônus:", "Lo mejor:",
    }  # fmt: skip
    # Where each heading is set: a kind's own headings only for a page of that kind.
    kinds = {"steps": "howto", "howto_tips": "howto", "features": "readme", "picks": "resources"}
    counted = ("explanation", "examples", "benefits", "tips", "pitfalls", "takeaways")
    for section in (*counted, *kinds):
        voice = voice_module(path, kinds.get(section, "concept"))
        many = getattr(voice, f"{section}_heading", None)
        assert isinstance(many, str), (path, section)
        one = getattr(voice, f"{section}_heading_one", None)
        assert one or many in neutral, f"{path}: {section}_heading {many!r} needs a _one form"
        assert one != many


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_item_gets_the_voices_singular_heading(lang: str, tone: str) -> None:
    voice = voice_module(f"voices/{lang}/{tone}.j2", "howto")
    single = replace(PAGES[lang]["howto"], steps=PAGES[lang]["howto"].steps[:1])
    text = render_post(single, DraftOptions(tone=tone, seed=1, emoji="none")).text
    step = getattr(voice, "steps_heading_one", None) or voice.steps_heading  # type: ignore[attr-defined]
    assert f"\n{step}\n{single.steps[0]}\n" in text
    tip = getattr(voice, "howto_tips_heading_one", None) or voice.howto_tips_heading  # type: ignore[attr-defined]
    assert f"\n{tip}\n• {single.tips[0]}" in text


def test_french_puts_a_space_before_the_colon() -> None:
    text = draft("fr", "listicle", "linkedin", "friendly", 1).text
    assert "1. Petits changements : Ils se relisent plus vite." in text
    assert "\n🔗 L'article complet : https://" in text
    assert re.search(r"\w: ", text.replace("https:", "")) is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_release_is_announced_in_the_language(lang: str) -> None:
    for tone in TONES:
        for seed in SEEDS:
            intro = draft(lang, "changelog", "linkedin", tone, seed).sections["intro"]
            assert "Acme 1.4.0" in intro, intro
    bare = replace(PAGES[lang]["changelog"], title="Changelog")
    named = {
        "es": "la versión 1.4.0",
        "de": "Version 1.4.0",
        "fr": "la version 1.4.0",
        "pt": "a versão 1.4.0",
    }
    for seed in SEEDS:
        intro = render_post(bare, DraftOptions(seed=seed)).sections["intro"]
        assert named[lang].casefold() in intro.casefold(), intro


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_sentence_names_the_title_twice(lang: str) -> None:
    for kind, topic in PAGES[lang].items():
        for tone in TONES:
            for seed in SEEDS:
                for line in draft(lang, kind, "linkedin", tone, seed).text.splitlines():
                    for sentence in sentences(line):
                        assert sentence.casefold().count(topic.title.casefold()) <= 1, sentence


# ---------------------------------------------------------------- which voice, and falling back


@pytest.mark.parametrize(
    ("language", "template"),
    [
        ("es", "voices/es/friendly.j2"),
        ("pt-BR", "voices/pt/friendly.j2"),
        ("es_ES", "voices/es/friendly.j2"),
        ("DE", "voices/de/friendly.j2"),
        ("en", "voices/friendly.j2"),
        ("en-GB", "voices/friendly.j2"),
        ("", "voices/friendly.j2"),
        (None, "voices/friendly.j2"),
    ],
)
def test_the_voice_for_a_language(language: str | None, template: str) -> None:
    voice = voice_for("friendly", language)
    assert voice.template == template and voice.fallback is None


def test_an_unknown_language_falls_back_to_english_with_one_warning() -> None:
    italian = replace(SPANISH["howto"], language="it")
    post = render_post(italian, DraftOptions(seed=1))
    assert post.text == render_post(replace(italian, language="en"), DraftOptions(seed=1)).text
    assert len(post.warnings) == 1
    assert "no voice speaks 'it'" in post.warnings[0]
    assert "add voices/it/friendly.j2 to a template folder" in post.warnings[0]
    assert not render_post(SPANISH["howto"], DraftOptions(seed=1)).warnings


def test_a_users_own_language_needs_no_fallback(tmp_path: Path) -> None:
    (tmp_path / "voices" / "it").mkdir(parents=True)
    english = (builtin_template_dir() / "voices" / "friendly.j2").read_text(encoding="utf-8")
    (tmp_path / "voices" / "it" / "friendly.j2").write_text(
        english + '{% set howto_hooks = ["Nuova guida: " ~ title] %}\n', encoding="utf-8"
    )
    italian = replace(SPANISH["howto"], language="it")
    post = render_post(italian, DraftOptions(seed=1, template_dirs=(tmp_path,)))
    assert not post.warnings
    assert post.text.startswith("🚀 Nuova guida: Cómo publicar")
    assert "it" in languages((tmp_path,))


def test_a_users_tone_without_the_pages_language_says_which_file_to_add(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    shutil.copy(
        builtin_template_dir() / "voices" / "friendly.j2", tmp_path / "voices" / "pirate.j2"
    )
    post = render_post(SPANISH["article"], DraftOptions(tone="pirate", template_dirs=(tmp_path,)))
    assert len(post.warnings) == 1
    assert "the tone 'pirate' has no 'es' voice; add voices/es/pirate.j2" in post.warnings[0]


PAGE = """---
title: Guida rapida a Hugo
language: {language}
---

# Guida rapida a Hugo

Hugo è un generatore di siti statici scritto in Go.

## Come funziona

- Legge i file Markdown e li trasforma in pagine HTML.
- Un tema decide l'aspetto del sito.
"""


@pytest.mark.parametrize("variants", [[], ["--variants", "3"]])
def test_the_cli_says_so_once_on_stderr(tmp_path: Path, variants: list[str]) -> None:
    page = tmp_path / "pagina.md"
    page.write_text(PAGE.format(language="it"), encoding="utf-8")
    result = run_postkit("draft", "--from", str(page), "--seed", "1", *variants)
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode("utf-8")
    assert err.count("postkit: warning: the post's own phrases") == 1, err
    assert "'it'" in err
    page.write_text(PAGE.format(language="es"), encoding="utf-8")
    spanish = run_postkit("draft", "--from", str(page), "--seed", "1", *variants)
    assert spanish.returncode == 0 and b"own phrases" not in spanish.stderr


def test_variants_of_a_page_in_another_language_stay_in_it() -> None:
    posts = draft_variants(GERMAN["article"], DraftOptions(seed=3), 3)
    assert len(posts) == 3
    for post in posts:
        assert not english_words(post.text) and not post.warnings
