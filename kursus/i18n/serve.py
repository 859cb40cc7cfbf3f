"""Text of `kursus serve` (the course in a browser): the server's terminal lines, the page,
and a problem shown in a tab. Danish first."""

DA = {
    "serve.address": "Kurset kører nu til browseren. Åbn denne adresse:",
    "serve.keep_secret": "Adressen er din adgangsnøgle: del den ikke med andre.",
    "serve.stop_hint": "Tryk Ctrl+C for at stoppe (det, der er skrevet i fanerne, bliver gemt).",
    "serve.warning_host": (
        "Advarsel: kurset lytter på {host}, ikke kun på denne computer. Alle, der har adressen, "
        "kan bruge kurset og læse og skrive i fremskridtsmappen. Forbindelsen er ikke krypteret (http). "
        "Brug kun --host på et netværk, du stoler på."
    ),
    "serve.stopped": "Stoppet ({count:åben fane|åbne faner} lukket og gemt).",
    "serve.refused": "Ingen adgang. Åbn den adresse med adgangsnøgle, som `kursus serve` skrev i terminalen.",
    "serve.too_many": "Der er allerede {limit} faner åbne med kurset. Luk en af dem, og prøv igen.",
    "serve.page.loading": "Kurset starter …",
    "serve.page.ended": "Kurset er lukket i denne fane. Det, du skrev, er gemt.",
    "serve.page.restart": "Start kurset igen",
    "serve.page.server_gone": (
        "Kurset er stoppet på serveren. Det, du skrev, er gemt. Bed den, der startede kurset, "
        "om at starte det igen, og åbn så adressen på ny."
    ),
    "serve.page.noscript": "Kurset i browseren kræver, at JavaScript er slået til.",
    "serve.problem": "Kurset kunne ikke åbne i denne fane: {problem}",
    "serve.problem_hint": "Tryk q for at lukke. Er kurset åbent i en anden fane, så fortsæt dér.",
}

EN = {
    "serve.address": "The course is now running for the browser. Open this address:",
    "serve.keep_secret": "The address is your access key: do not share it.",
    "serve.stop_hint": "Press Ctrl+C to stop (what was typed in the tabs is saved).",
    "serve.warning_host": (
        "Warning: the course listens on {host}, not only on this computer. Anyone who has the address "
        "can use the course and read and write the progress folder. The connection is not encrypted (http). "
        "Use --host only on a network you trust."
    ),
    "serve.stopped": "Stopped ({count:open tab|open tabs} closed and saved).",
    "serve.refused": "No access. Open the address with the access key that `kursus serve` printed in the terminal.",
    "serve.too_many": "{limit} tabs with the course are open already. Close one of them and try again.",
    "serve.page.loading": "The course is starting …",
    "serve.page.ended": "The course has closed in this tab. What you typed is saved.",
    "serve.page.restart": "Start the course again",
    "serve.page.server_gone": (
        "The course has been stopped on the server. What you typed is saved. Ask whoever started "
        "the course to start it again, then open the address again."
    ),
    "serve.page.noscript": "The course in a browser needs JavaScript turned on.",
    "serve.problem": "The course could not open in this tab: {problem}",
    "serve.problem_hint": "Press q to close. If the course is open in another tab, carry on there.",
}
