"""Which of a page's sentences a post may use, and which it never should.

A page is not written for a post: it opens with navigation bars, rows of
translation links, badges, notes to the reader and changelog boilerplate, and
its prose carries greetings, "in this article", "let's get started", calls to
subscribe and sponsor lines. This module names each of those (in English,
Spanish, German, French, Portuguese and Italian) so that the opening of a
post is the first sentence that introduces the subject, and its points are the
page's informative sentences. Every judgement returns a short reason, which
``--explain`` shows.
"""

from __future__ import annotations

import re

from postkit.sources.outline import Block, Item
from postkit.sources.prose import sentences


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Changelog and release-notes boilerplate.
_CHANGELOG = _any(
    r"\ball notable changes\b",
    r"\bkeep a ?changelog\b|\bsemantic versioning\b|\bsemver\b",
    r"\btodos los cambios (?:relevantes|notables|importantes)\b|\bversionado sem[aá]ntico\b",
    r"\balle (?:nennenswerten|wichtigen|relevanten) [äa]nderungen\b|\bsemantische versionierung\b",
    r"\btoutes les modifications notables\b|\btenez un changelog\b|\bversionnage s[ée]mantique\b",
    r"\btodas as (?:mudanças|alterações) (?:notáveis|relevantes)\b|\bversionamento semântico\b",
    r"\btutte le modifiche (?:rilevanti|importanti)\b|\bversionamento semantico\b",
    r"\brelease notes generated\b|\bfull changelog\b",
)
# Documentation and site boilerplate that opens a page but says nothing about its subject.
_PAGE_TALK = _any(
    r"^this (?:page|tutorial|guide|article|document|post|section) "
    r"(?:describes|shows|explains|walks|covers|will show|teaches|is about|contains)",
    r"^(?:in|on) this (?:page|tutorial|guide|article|post)\b",
    r"^(?:esta página|este tutorial|esta guía|este artículo) (?:describe|muestra|explica)",
    r"^(?:diese seite|dieses tutorial|diese anleitung|dieser artikel) "
    r"(?:beschreibt|zeigt|erklärt)",
    r"^(?:cette page|ce tutoriel|ce guide|cet article) (?:décrit|montre|explique|vous)",
    r"^(?:esta página|este tutorial|este guia|este artigo) (?:descreve|mostra|explica)",
    r"^(?:questa pagina|questo tutorial|questa guida|questo articolo) (?:descrive|mostra|spiega)",
)
# Notes to the reader: translators' notes, disclaimers, updates, sponsors, affiliates.
_READER_NOTE = _any(
    r"\btranslator'?s note\b|\bnota del tradu|\bnota do tradutor\b|\bnote du traducteur\b",
    r"\banmerkung des übersetzers\b|\bnota del traduttore\b",
    r"\boriginally published\b|\bpublicado originalmente\b|\bpublicado primero\b",
    r"\berschien zuerst\b|\bzuerst erschienen\b|\bpublié initialement\b|\bpublicado pela primeira",
    r"\bpubblicato originariamente\b|\bviews are my own\b|\bopinions are my own\b",
    r"\bsponsored\b|\bsponsor(?:s|ed by)?\b|\bpatrocinad[oa]\b|\bgesponsert\b|\bsponsorisé\b",
    r"\baffiliate links?\b|\benlaces de afiliado\b|\baffiliate-links?\b|\bliens affiliés\b",
    r"\blinks de afiliado\b|\blink di affiliazione\b|\bearn a (?:small )?commission\b",
    r"\bnot (?:financial|medical|legal) advice\b|\bkeine (?:anlage|ärztliche|rechts)beratung\b",
    r"\bersetzt keine\b|\bno (?:sustituye|reemplaza)\b|\bne remplace pas\b|\bnão substitui\b",
    r"\bnon sostituisce\b|\bne constitue pas un conseil\b",
    r"^last updated\b|^updated (?:on|at)\b|^(?:update|actualización|aktualisierung|mise à jour"
    r"|atualização|aggiornamento)\b.{0,40}\d",
    r"\bpost (?:is )?also available\b|\balso available in\b|\bavailable in english\b",
    r"\b(?:read|lire|leer|leia|lesen|leggi) (?:this |it |en |em |auf |in )?"
    r"(?:in )?(?:english|español|deutsch|français|português|italiano|inglés|anglais|englisch)",
    r"\b(?:english|englische?) (?:version|readme|translation)\b|\bversion anglaise\b",
    r"\b(?:versión|versão|versione) (?:en |em |in )?(?:inglés|inglês|inglese)\b",
    r"\bcette page est (?:adaptée|traduite)\b|\besta página (?:fue|fué) traducida\b",
)
# Filler: greetings, throat-clearing, sign-offs and calls to subscribe, follow or buy.
_FILLER = _any(
    r"\bwithout further ado\b|\blet'?s (?:get started|dive in|begin|go|jump in|get into it)\b",
    r"\bin today'?s (?:fast-paced|digital|modern|busy) world\b|\bhere'?s everything (?:i|you)\b",
    r"^(?:hello|hi|hey) (?:everyone|there|folks|friends|all)\b|^welcome (?:back|to)\b",
    r"\bhope (?:this|it) helps\b|\bthanks for reading\b|\bthank you for reading\b",
    r"\bif you (?:enjoyed|liked|found) (?:this|it)\b|\benjoyed this\b|\bstay tuned\b",
    r"\b(?:subscribe|sign up) (?:to|for) (?:the|my|our) (?:newsletter|channel|blog)\b",
    r"^(?:please )?subscribe\b|\bsubscribe for more\b",
    r"\bdon'?t forget to (?:subscribe|like|share|follow)\b|\bbuy me a coffee\b|\bko-fi\b",
    r"\bclap\b|\bfollow (?:me )?for more\b|\bhappy (?:coding|hacking|baking|reading)\b",
    r"^in this (?:post|article|tutorial|guide|video),? (?:i|we|you)\b",
    r"\bthe next step is yours\b|^(?:so,? )?(?:here|this) is (?:the|my) list\b",
    r"^(?:here are|here is) (?:the|my)\b.{0,40}\b(?:list|picks|favou?rites)\b",
    r"\bsin más preámbulos\b|\bempecemos\b|\bvamos allá\b|\bgracias por leer\b",
    r"\bsi te (?:ha gustado|gustó)\b|\bsuscríbete\b|^en este (?:artículo|post|tutorial)\b",
    r"^hola a todos\b|\baquí (?:va|tienes|está) (?:la|mi) lista\b",
    r"\bohne (?:große )?umschweife\b|\blegen wir los\b|\blos geht'?s\b|\bjetzt abonnieren\b",
    r"^in diesem (?:artikel|beitrag|tutorial)\b|^hallo (?:zusammen|alle)\b",
    r"\bdanke (?:fürs|für das) lesen\b|\bviel spaß\b",
    r"\bsans plus attendre\b|\bc'est parti\b|^dans cet (?:article|tutoriel)\b|\babonnez-vous\b",
    r"^bonjour à tous\b|\bmerci de (?:votre|m'avoir) lu\b|\bbon(?:ne)? (?:ciel|lecture) à tou",
    r"\bvoici (?:celles|ceux|la liste|ma liste)\b",
    r"\bsem mais delongas\b|\bvamos lá\b|^neste (?:artigo|post|tutorial)\b",
    r"\bcompartilhe com\b|\bobrigad[oa] por ler\b|^olá(?:,)? (?:pessoal|a todos)\b|\bgostou\?",
    r"\bsenza ulteriori indugi\b|\biniziamo\b|^in questo articolo\b|\bgrazie per aver letto\b",
    r"\biscriviti\b|^ciao a tutti\b",
    r"\bcontributions? (?:are )?welcome\b|\bpull requests (?:are )?welcome\b",
    r"\bpull requests sind willkommen\b|\bcontribuciones (?:son )?bienvenidas\b",
    r"\bcontribuições são (?:muito )?bem-vindas\b|\bles contributions sont les bienvenues\b",
    r"^for (?:more information|the full list|details|more details)\b.*\bsee\b",
    r"^(?:see|read) (?:also|more)\b|^(?:más información|weitere informationen|pour en savoir)",
)
# Sections that are never content: tables of contents, licence, contributing, sponsors…
_TOC_HEADING = _any(
    r"^(?:table of )?contents?$|^on this page$|^in this (?:article|page|post)$|^toc$",
    r"^(?:índice|indice|sumário|sumario|sommaire|table des matières|inhalt|"
    r"inhaltsverzeichnis|contenido|contenidos|contenuti|conteúdo)$",
)
_META_SECTION = _any(
    r"^(?:license|licence|licensing|lizenz|licencia|licença|licenza)\b",
    r"^(?:contribut\w*|contributing|mitmachen|mitwirken|contribuir|contribuindo|"
    r"contribuer|contribuire|colaborar)\b",
    r"^(?:sponsors?|backers?|supporters?|patrocinadores|unterstützer|sponsoren|"
    r"soutiens?|financial contributors)\b",
    r"^(?:acknowledge?ments?|credits|thanks|thank you|danksagung|agradecimientos|"
    r"remerciements|agradecimentos|ringraziamenti)$",
    r"^(?:related(?: (?:projects|lists|posts|reading|notes))?|see also|what'?s next|"
    r"next steps|siehe auch|voir aussi|véase también|veja também|vedi anche)$",
    r"^(?:new contributors|full changelog|authors?|maintainers?|support|comments?|"
    r"code of conduct|security policy|changelog|older releases)$",
    r"^(?:minimum supported rust version|msrv|star history|stargazers)\b",
)
_PREREQUISITES = _any(
    r"^(?:prerequisites?|requirements|before you begin|what you(?:'ll)? need|you will need)\b",
    r"^(?:prérequis|prerrequisitos|requisitos|voraussetzungen|prerequisiti|"
    r"ingredientes|ingrédients|zutaten|ingredienti|ingredients|materials?|materiales)\b",
)
_SEPARATED = re.compile(r"\s[|•·›»/]\s|\s\|\s?|\s?\|\s|[⬅➡←→«»]")
_LANGUAGE_NAMES = re.compile(
    r"\b(?:english|español|spanish|deutsch|german|français|french|português|portuguese|"
    r"italiano|italian|日本語|简体中文|中文|한국어|русский|nederlands|polski|türkçe)\b",
    re.IGNORECASE,
)


def changelog_boilerplate(text: str) -> bool:
    """True for "All notable changes…", "The format is based on Keep a Changelog…"."""
    return bool(_CHANGELOG.search(text))


def note_to_reader(text: str) -> str | None:
    """Why a paragraph is a note to the reader rather than content, or None."""
    if _READER_NOTE.search(text):
        return "note to the reader"
    if _CHANGELOG.search(text):
        return "changelog boilerplate"
    if _PAGE_TALK.search(text):
        return "page talking about itself"
    return None


def filler(sentence: str) -> bool:
    """True for a greeting, "let's get started", a sign-off or a call to subscribe."""
    return bool(_FILLER.search(sentence.strip()))


def meta_section(title: str) -> bool:
    """True for headings of sections that are never content (licence, sponsors…)."""
    words = " ".join(re.sub(r"[^\w' -]", " ", title).split())
    return bool(_META_SECTION.search(words))


def toc_heading(title: str) -> bool:
    """True for "Contents", "On this page", "Inhalt", "Sommaire"… (what follows the
    table of contents under it may still be the page's introduction)."""
    words = " ".join(re.sub(r"[^\w' -]", " ", title).split())
    return bool(_TOC_HEADING.search(words))


def prerequisites(title: str) -> bool:
    """True for "Prerequisites", "Before you begin", "Ingredientes"…"""
    words = " ".join(re.sub(r"[^\w' -]", " ", title).split())
    return bool(_PREREQUISITES.search(words))


def navigation(block: Block) -> str | None:
    """Why a paragraph is navigation (a nav bar, breadcrumbs, a row of translation
    links, a label such as "**Contents**"), or None when it is prose."""
    text = block.text
    if not block.has_prose or not text.strip():
        return "badges or images"
    if block.strong_only and len(text.split()) <= 3:
        return "a label"
    if re.search(r"[⬅➡←→]", text) or (block.links >= 2 and re.search(r"\s[›»]\s", text)):
        return "navigation"
    named = len(_LANGUAGE_NAMES.findall(text))
    linked = _SEPARATED.search(text) or block.links >= 1
    if named and linked and (named >= 2 or block.words <= 10):
        return "translation links"
    if block.links and block.link_words >= max(1, block.words - 3) and block.words <= 12:
        return "a row of links"
    return None


def toc_list(block: Block) -> bool:
    """True for a list whose every item is a link into the page itself."""
    return bool(block.items) and all(item.anchors_only for item in block.items)


def usable(text: str) -> list[str]:
    """The sentences of a paragraph a post may use: no filler, no notes to the reader."""
    return [
        sentence
        for sentence in sentences(text)
        if not filler(sentence) and note_to_reader(sentence) is None
    ]


def informative(sentence: str) -> bool:
    """A sentence worth a point of its own: long enough, not a question to the reader."""
    words = len(sentence.split())
    return words >= 4 and not sentence.rstrip().endswith(("?", ":")) and not filler(sentence)


def flat_items(block: Block) -> list[Item]:
    """A list's items; a group label ("Debugging Tools" over its own list) gives
    way to the items under it."""
    out: list[Item] = []
    for item in block.items:
        if item_is_label(item):
            out.extend(item.children)
        else:
            out.append(item)
    return out


def item_is_label(item: Item) -> bool:
    """A group label in a list ("Debugging Tools" over its own nested list)."""
    text = item.text.strip().rstrip(":")
    return bool(item.children) and len(text.split()) <= 5 and not re.search(r"[.!?]$", text)
