"""Why a file is not a progress file kursus can read (kursus.tracking.storage.Unreadable):
the trainer's skipped list, and the English text of UnreadableProgressFile.reason."""

DA = {
    "unreadable.not_regular": "ikke en almindelig fil",
    "unreadable.too_large": "progressfilen er større end {size}",
    "unreadable.empty": "tom fil",
    "unreadable.not_utf8": "ikke UTF-8-tekst",
    "unreadable.not_json": "ikke gyldig JSON (linje {line}: {error})",
    "unreadable.too_deep": "JSON indlejret for dybt",
    "unreadable.bad_value": "ikke en gyldig progressfil ({error})",
    "unreadable.not_object": "ikke en progressfil (det øverste niveau er ikke et objekt)",
    "unreadable.no_meta": "ikke en progressfil fra kursus (ingen meta-tabel)",
    "unreadable.no_schema": "ikke en progressfil fra kursus (ingen skemaversion)",
    "unreadable.newer": "lavet af en nyere udgave af kursus (skema {version}; denne udgave læser op til {supported})",
    "unreadable.table_damaged": "tabellen '{table}' er beskadiget",
    "unreadable.profile_damaged": "profilen er beskadiget",
    "unreadable.disappeared": "filen er forsvundet",
}

EN = {
    "unreadable.not_regular": "not a regular file",
    "unreadable.too_large": "progress file is larger than {size}",
    "unreadable.empty": "empty file",
    "unreadable.not_utf8": "not UTF-8 text",
    "unreadable.not_json": "not valid JSON (line {line}: {error})",
    "unreadable.too_deep": "JSON nested too deeply",
    "unreadable.bad_value": "not a valid progress file ({error})",
    "unreadable.not_object": "not a progress file (the top level is not an object)",
    "unreadable.no_meta": "not a kursus progress file (no meta table)",
    "unreadable.no_schema": "not a kursus progress file (no schema version)",
    "unreadable.newer": "made by a newer kursus (schema {version}, this one reads up to {supported})",
    "unreadable.table_damaged": "table '{table}' is damaged",
    "unreadable.profile_damaged": "the profile is damaged",
    "unreadable.disappeared": "the file has disappeared",
}
