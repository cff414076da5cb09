// The day at a glance in Korean: the options page's interests, one-liner and glossary sections, and
// the worker's reasons for a "추천" badge. Apart from ko.ts because the options page and the popup
// share a chunk: what only the options page shows should not load with every popup.

import { surface, t } from './t.ts';

/** The reasons the worker gives for a "추천" badge (the one-liners' own reasons are the model's). */
export const uiRanking = /* @__PURE__ */ surface(
  () =>
    ({
      closeToInterest: (interest: string) => t('ranking.closeToInterest', { interest }),
      closeToReading: t('ranking.closeToReading'),
    }) as const,
);

/** The options page's interests and one-liner settings. */
export const uiGlanceOptions = /* @__PURE__ */ surface(
  () =>
    ({
      section: t('glanceOptions.section'),
      intro: t('glanceOptions.intro'),
      interests: t('glanceOptions.interests'),
      interestsHint: t('glanceOptions.interestsHint'),
      learnFromReading: t('glanceOptions.learnFromReading'),
      learnFromReadingHint: t('glanceOptions.learnFromReadingHint'),
      autoOneLiners: t('glanceOptions.autoOneLiners'),
      autoOneLinersHint: t('glanceOptions.autoOneLinersHint'),
      cost: (tokens: string, cost: string, requests: number, fullTokens: string, fullCost: string) =>
        t('glanceOptions.cost', { tokens, cost, requests, fullTokens, fullCost }),
      costModel: (model: string) => t('glanceOptions.costModel', { model }),
      embeddingModel: t('glanceOptions.embeddingModel'),
      embeddingModelHint: (fallback: string | null) =>
        fallback
          ? t('glanceOptions.embeddingModelHint', { fallback })
          : t('glanceOptions.embeddingModelNone'),
    }) as const,
);

/** The options page's glossary section. */
export const uiGlossary = /* @__PURE__ */ surface(
  () =>
    ({
      section: t('glossary.section'),
      intro: t('glossary.intro'),
      counts: (total: number, changed: number, added: number, removed: number) =>
        t('glossary.counts', { total, changed, added, removed }),
      search: t('glossary.search'),
      searchHint: t('glossary.searchHint'),
      noMatch: t('glossary.noMatch'),
      more: (count: number) => t('glossary.more', { count }),
      english: t('glossary.english'),
      korean: t('glossary.korean'),
      keepEnglish: t('glossary.keepEnglish'),
      keptEnglish: t('glossary.keptEnglish'),
      save: t('glossary.save'),
      saved: (en: string) => t('glossary.saved', { en }),
      edit: t('glossary.edit'),
      remove: t('glossary.remove'),
      removed: (en: string) => t('glossary.removed', { en }),
      restore: t('glossary.restore'),
      restored: (en: string) => t('glossary.restored', { en }),
      statusChanged: t('glossary.statusChanged'),
      statusAdded: t('glossary.statusAdded'),
      removedList: t('glossary.removedList'),
      exportCsv: t('glossary.exportCsv'),
      importCsv: t('glossary.importCsv'),
      importMode: t('glossary.importMode'),
      importMerge: t('glossary.importMerge'),
      importReplace: t('glossary.importReplace'),
      imported: (count: number, problems: number) =>
        problems > 0 ? t('glossary.importedSkipped', { count, problems }) : t('glossary.imported', { count }),
      importProblem: (line: number, message: string) =>
        line > 0 ? t('glossary.importProblem', { line, message }) : message,
      resetAll: t('glossary.resetAll'),
      resetDone: t('glossary.resetDone'),
      failed: (message: string) => t('glossary.failed', { message }),
    }) as const,
);

/** The page's "한 줄 요약" tools and the lines under each card's title (the content script's page-data chunk). */
export const uiGlancePage = /* @__PURE__ */ surface(
  () =>
    ({
      group: t('glancePage.group'),
      run: t('glancePage.run'),
      stop: t('glancePage.stop'),
      retry: t('glancePage.retry'),
      openOptions: t('glancePage.openOptions'),
      estimate: (papers: number, tokens: string, cost: string, requests: number) =>
        t('glancePage.estimate', { papers, tokens, cost, requests }),
      preparing: t('glancePage.preparing'),
      progress: (answered: number, total: number) => t('glancePage.progress', { answered, total }),
      waiting: (seconds: number) => t('glancePage.waiting', { seconds }),
      done: (answered: number, requests: number, cost: string | null) =>
        cost === null
          ? t('glancePage.done', { answered, requests })
          : t('glancePage.doneCost', { answered, requests, cost }),
      allCached: (answered: number) => t('glancePage.allCached', { answered }),
      someFailed: (failed: number) => t('glancePage.someFailed', { failed }),
      failed: (message: string) => t('glancePage.failed', { message }),
      stopped: t('glancePage.stopped'),
      disconnected: t('glancePage.disconnected'),
      noPapers: t('glancePage.noPapers'),
      /** The line under a card's English title. */
      lineLabel: (title: string) => t('glancePage.lineLabel', { title }),
      badge: t('glancePage.badge'),
      badgeLabel: (reason: string) => t('glancePage.badgeLabel', { reason }),
      // 추천순
      needInterests: t('glancePage.needInterests'),
      ranking: t('glancePage.ranking'),
      ranked: (recommended: number) =>
        recommended > 0 ? t('glancePage.ranked', { recommended }) : t('glancePage.rankedNone'),
      needOneLiners: t('glancePage.needOneLiners'),
      rankFailed: (message: string) => t('glancePage.rankFailed', { message }),
    }) as const,
);
