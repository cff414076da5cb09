// How long and how many: one set of limits for the message schemas, the page's data and the forms.
// A sender trims to these (lib/page/paper-source.ts), the receiver's schema refuses anything longer.

/** A paper's title, in characters. */
export const MAX_TITLE_CHARS = 1_000;
/** A paper's abstract, in characters. */
export const MAX_ABSTRACT_CHARS = 20_000;
/** Hugging Face's one-line English summary (`ai_summary`), in characters. */
export const MAX_AI_SUMMARY_CHARS = 2_000;
/** One keyword, in characters, and how many keywords a paper carries. */
export const MAX_KEYWORD_CHARS = 200;
export const MAX_KEYWORDS = 50;
/** Papers in one request or one page's run: a week's list with room to spare. */
export const MAX_PAPERS_PER_REQUEST = 1_000;
/** A model name, an embedding model name, a glossary term named in an edit. */
export const MAX_NAME_CHARS = 200;
/** An http(s) address from a paper or Hugging Face. */
export const MAX_URL_CHARS = 2_000;
/** The endpoint's own error message, shown small under ours. */
export const MAX_ERROR_DETAIL_CHARS = 500;
/** Glossary terms a summary may be flagged for rendering its own way. */
export const MAX_GLOSSARY_FINDINGS = 50;
/** The user's interests: a paragraph of topics, not a document. */
export const MAX_INTERESTS_CHARS = 1_000;
/** A question about a paper ("질문하기"). */
export const MAX_QUESTION_CHARS = 2_000;
