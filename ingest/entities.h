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

/* ---- Tokens and the alias matcher: shared by the gazetteer and the extractor ----
 * (added with the implementation; nothing above changed) */

/* Token flags. */
enum {
    INGEST_TOK_WORD = 1 << 0,    /* letters and/or digits ("Japan", "O'Neill", "9,000", "U.S.") */
    INGEST_TOK_CAP = 1 << 1,     /* a word starting with an upper-case letter */
    INGEST_TOK_UPPER = 1 << 2,   /* a word of two or more letters, none lower-case ("TOKYO") */
    INGEST_TOK_LOWER = 1 << 3,   /* a word starting with a lower-case letter */
    INGEST_TOK_DIGIT = 1 << 4,   /* a word starting with a digit */
    INGEST_TOK_ABBR = 1 << 5,    /* a word whose final '.' belongs to it ("Mr.", "U.S.", "M.") */
    INGEST_TOK_INITIAL = 1 << 6, /* one capital letter and a period ("M.") */
    INGEST_TOK_SPACE = 1 << 7,   /* white space before the token */
    INGEST_TOK_NEWLINE = 1 << 8, /* a line break before the token (or the text start) */
    INGEST_TOK_PARA = 1 << 9,    /* a blank line before the token (or the text start) */
    INGEST_TOK_POSS = 1 << 10,   /* possessive "'s" (or a lone "'" after an -s word) */
    INGEST_TOK_UNCASED = 1 << 11 /* a word of letters without case (CJK, ...) */
};

/* A word or one punctuation character. The normalized form has curly apostrophes and quotes
 * as ASCII (U+2019 as '), dashes (U+2010..U+2015, U+2212) as '-', and Latin diacritics
 * folded ("Kōno" -> "Kono"); case is kept. */
struct ingest_token {
    size_t start, end;           /* byte range in the text */
    size_t norm, norm_len;       /* the normalized form: tokens->norm + norm, NUL-terminated */
    unsigned flags;              /* INGEST_TOK_* */
};

struct ingest_tokens {
    struct ingest_token *tok;
    size_t count;
    char *norm;                  /* the normalized forms, each NUL-terminated */
};

/* Splits text[0..len) into tokens. "U.S.", "Mr." and initials keep their periods; "U. S."
 * becomes one token "U.S."; "Japan's" is "Japan" + "'s"; hyphens are tokens of their own.
 * Returns 0 with *out (caller owns, release: ingest_tokens_clear()), or -1 on out of memory. */
int ingest_tokenize(const char *text, size_t len, struct ingest_tokens *out);
void ingest_tokens_clear(struct ingest_tokens *tokens);

/* One gazetteer row an alias belongs to. */
struct ingest_alias_hit {
    size_t entity;               /* index for ingest_gazetteer_entity() */
    int demonym;                 /* 1 when the words are one of the row's demonyms */
};

/* Gazetteer names, aliases and demonyms found in a token sequence. */
struct ingest_alias_match {
    size_t first, last;          /* tokens [first, last) */
    const struct ingest_alias_hit *hits; /* the rows listing these words (owned by gz) */
    size_t hit_count;
};

/* Finds names, aliases and demonyms of the gazetteer in tokens, leftmost-longest, whole tokens
 * only, case-sensitive except that an all-capital word also matches its capitalized form
 * ("TOKYO" matches "Tokyo"; "us" never matches "US"). Time is linear in the token count.
 * Returns 0 with a malloc'd array in *out (caller frees; may be NULL when *count is 0), or -1
 * on out of memory. */
int ingest_gazetteer_match(const struct ingest_gazetteer *gz, const struct ingest_tokens *tokens,
                           struct ingest_alias_match **out, size_t *count);

/* Writes the ASCII folding of the UTF-8 text s[0..len) to a malloc'd string: Latin letters
 * lose their diacritics ("Ryūtarō" -> "Ryutaro"), curly quotes and dashes become ASCII;
 * other characters are kept. Returns NULL on out of memory. */
char *ingest_fold(const char *s, size_t len);

#endif
