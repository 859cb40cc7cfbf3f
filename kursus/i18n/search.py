"""Texts of the search screen (`/`) and the glossary's filter."""

from __future__ import annotations

DA: dict[str, str] = {
    "key.search": "Søg",
    "key.search_results": "Til fundene",
    "key.search_field": "Til søgefeltet",
    "help.search": "Søg",
    "command.search": "Søg i kurset",
    "command.search_help": "Find et ord i alle lektioner og i ordlisten",
    "search.title": "Søg i kurset",
    "search.placeholder": "Søg i lektioner og ordliste",
    "search.hint": "Skriv et eller flere ord. Enter åbner det øverste fund.",
    "search.count": "{n:fund|fund}",
    "search.more": "{n:fund|fund}, de første {shown} vises: skriv flere ord for at finde færre",
    "search.nothing": "Intet fundet. Prøv et andet ord eller færre ord.",
    "search.lesson_hit": "{title} · side {page}: {heading}",
    "search.glossary_hit": "Ordliste: {term}",
    "glossary.filter_placeholder": "Filtrér begreberne",
    "glossary.count": "{shown} af {total:begreb|begreber}",
    "glossary.no_match": "Ingen begreber passer. Ret eller slet det skrevne.",
}

EN: dict[str, str] = {
    "key.search": "Search",
    "key.search_results": "To the results",
    "key.search_field": "To the search field",
    "help.search": "Search",
    "command.search": "Search the course",
    "command.search_help": "Find a word in every lesson and in the glossary",
    "search.title": "Search the course",
    "search.placeholder": "Search lessons and glossary",
    "search.hint": "Type one or more words. Enter opens the top result.",
    "search.count": "{n:result|results}",
    "search.more": "{n:result|results}, the first {shown} shown: type more words to find fewer",
    "search.nothing": "Nothing found. Try another word or fewer words.",
    "search.lesson_hit": "{title} · page {page}: {heading}",
    "search.glossary_hit": "Glossary: {term}",
    "glossary.filter_placeholder": "Filter the terms",
    "glossary.count": "{shown} of {total:term|terms}",
    "glossary.no_match": "No term matches. Change or delete what you typed.",
}
