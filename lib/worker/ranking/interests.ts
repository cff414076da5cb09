// The user's interests as written on the options page ("RLHF, 멀티모달 에이전트, 효율적 추론") → a list of topics.

/** More topics than this dilute the ranking (a paper need match only one) and lengthen every prompt. */
const MAX_INTERESTS = 20;
const MAX_TOPIC_CHARS = 100;

/** Topics split at commas, semicolons, middle dots and line ends; blanks and repeats dropped, order kept. */
export function parseInterests(text: string): string[] {
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const part of text.split(/[,;·、，\n\r]+/)) {
    const topic = part.replace(/\s+/g, ' ').trim().slice(0, MAX_TOPIC_CHARS);
    const key = topic.toLowerCase();
    if (topic === '' || seen.has(key)) continue;
    seen.add(key);
    topics.push(topic);
    if (topics.length === MAX_INTERESTS) break;
  }
  return topics;
}
