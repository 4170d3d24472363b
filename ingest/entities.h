/* ingest/entities.h: the reference gazetteer (data/entities.jsonl) and entity extraction:
 * clean text + sentences -> typed mentions linked to canonical entities, with roles.
 * Pure: no SQLite, no HTTP. Ownership: a loaded gazetteer is immutable and may be shared by
 * threads; ingest_entities_extract() fills a result the caller releases with
 * ingest_entity_result_clear(). Offsets are byte offsets into the clean text. */
#ifndef TWOPLUS_INGEST_ENTITIES_H
#define TWOPLUS_INGEST_ENTITIES_H

#include <stddef.h>

#include "ingest/doc.h"

enum ingest_entity_type {
    INGEST_ENT_PERSON = 0,
    INGEST_ENT_ORGANIZATION,
    INGEST_ENT_COUNTRY,
    INGEST_ENT_PLACE,
    INGEST_ENT_AGREEMENT,
};
/* "person", "organization", "country", "place", "agreement"; and back (-1 if unknown). */
const char *ingest_entity_type_name(enum ingest_entity_type type);
int ingest_entity_type_parse(const char *name);

/* A role held over a span of time, from the gazetteer. Dates are "YYYY-MM-DD"; to NULL = open. */
struct ingest_kb_role {
    const char *title, *org, *from, *to, *source;
};

/* One gazetteer row. Strings are owned by the gazetteer. */
struct ingest_kb_entity {
    const char *id, *name, *source;
    enum ingest_entity_type type;
    const char *const *aliases;    /* aliases as listed (without demonyms) */
    size_t alias_count;
    const char *const *demonyms;   /* countries only */
    size_t demonym_count;
    const char *surname, *given_name, *gender, *nationality; /* persons; may be NULL */
    const char *country, *kind, *metonym_for;                 /* places; may be NULL */
    const struct ingest_kb_role *roles;
    size_t role_count;
    const char *json;              /* the row as read, compact JSON, for the API */
};

struct ingest_gazetteer;

/* Loads a JSON Lines gazetteer and builds its matcher. Returns 0 with *out (caller owns,
 * release: ingest_gazetteer_free()), or -1 with a sentence naming the file and line in err. */
int ingest_gazetteer_load(const char *path, struct ingest_gazetteer **out, char *err,
                          size_t err_size);
void ingest_gazetteer_free(struct ingest_gazetteer *gz);
size_t ingest_gazetteer_count(const struct ingest_gazetteer *gz);
const struct ingest_kb_entity *ingest_gazetteer_entity(const struct ingest_gazetteer *gz,
                                                       size_t i);
/* The row with this id, or NULL. */
const struct ingest_kb_entity *ingest_gazetteer_find(const struct ingest_gazetteer *gz,
                                                     const char *id);
/* The role a KB person held on date ("YYYY-MM-DD", or a prefix "YYYY-MM"/"YYYY"), or NULL. */
const struct ingest_kb_role *ingest_gazetteer_role_on(const struct ingest_kb_entity *e,
                                                      const char *date);

/* One mention of an entity in the clean text. */
struct ingest_mention {
    struct ingest_range clean;
    size_t sentence;               /* index into the sentences given */
    enum ingest_entity_type type;
    char *entity_id;               /* canonical: a gazetteer id, or a slug of the full name */
    char *name;                    /* the canonical display name */
    int kb;                        /* 1 when entity_id is a gazetteer row */
    char *role;                    /* the role at this mention: stated in the text, else the
                                      gazetteer's on the document date; NULL when unknown */
    const char *role_from;         /* static: "text", "gazetteer" or NULL */
    const char *rule;              /* static: what found it: "gazetteer", "title-name",
                                      "apposition", "surname", "honorific", "role-reference",
                                      "org-cue", "place-cue", "demonym", "pronoun"... */
    int demonym;                   /* 1 for "Japanese", "Chinese" ... (a country by adjective) */
    char gender;                   /* 'm', 'f' or 0: from honorific, gazetteer, pronouns */
};

/* An entity as one document knows it (unknown entities are defined by their documents). */
struct ingest_doc_entity {
    char *id, *name;
    enum ingest_entity_type type;
    int kb;
    char gender;
    char **roles;                  /* roles the text states for it, distinct */
    size_t role_count;
    size_t mention_count;
};

struct ingest_entity_result {
    struct ingest_mention *mentions;  /* sorted by start offset, non-overlapping */
    size_t mention_count;
    struct ingest_doc_entity *entities;
    size_t entity_count;
};

/* Finds the mentions in text[0..len) with the sentence ranges of the clean text. doc_date
 * ("YYYY-MM-DD", "YYYY-MM", "YYYY" or NULL) picks gazetteer roles. Returns 0 with *out
 * (caller owns, release: ingest_entity_result_clear()), or -1 on out of memory. */
int ingest_entities_extract(const struct ingest_gazetteer *gz, const char *text, size_t len,
                            const struct ingest_range *sentences, size_t sentence_count,
                            const char *doc_date, struct ingest_entity_result *out);
void ingest_entity_result_clear(struct ingest_entity_result *result);

/* The slug of a name: lower-case ASCII letters and digits joined by '-', diacritics folded
 * ("Kurt M. Campbell" -> "kurt-m-campbell"). malloc'd, or NULL on OOM. */
char *ingest_slug(const char *name);

#endif
