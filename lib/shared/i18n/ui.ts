// Every string the user reads, by surface: one export per surface, so each bundle holds only the
// message names it uses. The texts live in assets/locales/{ko,en}.yml and come from the browser's
// i18n API in the browser's language (Korean by default); summaries themselves stay Korean.
import type { ProviderId } from '../providers.ts';
import { surface, t } from './t.ts';

// Written out rather than through Intl: building an Intl formatter loads locale data, which took
// ~15 ms of the page's main thread on first use (measured with the 50-card cached-page benchmark).

/** e.g. 2026년 11월 23일, or 11/23/2026 in English (local time) */
export function formatDate(time: number): string {
  const date = new Date(time);
  return t('date.format', { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
}

/** e.g. 12,345 (whole numbers: token counts) */
export function formatCount(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+$)/g, ',');
}

export const uiToolbar = /* @__PURE__ */ surface(
  () =>
    ({
      label: t('toolbar.label'),
      summarizeAll: t('toolbar.summarizeAll'),
      cancel: t('toolbar.cancel'),
      order: t('toolbar.order'),
      orderPage: t('toolbar.orderPage'),
      orderUpvotes: t('toolbar.orderUpvotes'),
      /** By the interests set on the options page (rankPapers). */
      orderRecommended: t('toolbar.orderRecommended'),
      status: (total: number, done: number) => t('toolbar.status', { total, done }),
      estimate: (count: number, tokens: string, cost: string) =>
        t('toolbar.estimate', { count, tokens, cost }),
      progress: (done: number, total: number) => t('toolbar.progress', { done, total }),
      nothingLeft: t('toolbar.nothingLeft'),
      /** The end of a whole-page run. */
      runReport: (run: {
        done: number;
        failed: number;
        stopped: number;
        skipped: number;
        cost: string | null;
      }) =>
        [
          t('toolbar.runDone', { done: run.done }),
          t('toolbar.runFailed', { failed: run.failed }),
          ...(run.stopped > 0 ? [t('toolbar.runStopped', { stopped: run.stopped })] : []),
          t('toolbar.runSkipped', { skipped: run.skipped }),
          run.cost === null ? t('toolbar.runCostUnknown') : t('toolbar.runCost', { cost: run.cost }),
        ].join(' · '),
      foldGroup: t('toolbar.foldGroup'),
      foldAll: t('toolbar.foldAll'),
      unfoldAll: t('toolbar.unfoldAll'),
    }) as const,
);

/** Before any click, while summaries need a key that is not saved (page toolbar and popup). */
export const uiKeyNotice = /* @__PURE__ */ surface(
  () =>
    ({
      message: t('keyNotice.message'),
      openOptions: t('keyNotice.openOptions'),
    }) as const,
);

/** The button under each card (the content script's boot part paints it). */
export const uiCardButton = /* @__PURE__ */ surface(
  () =>
    ({
      label: t('cardButton.label'),
      streaming: t('cardButton.streaming'),
    }) as const,
);

export const uiPanel = /* @__PURE__ */ surface(
  () =>
    ({
      regionLabel: (title: string) => t('panel.regionLabel', { title }),
      loading: t('panel.loading'),
      queued: t('panel.queued'),
      waiting: (seconds: number) => t('panel.waiting', { seconds }),
      fromCache: (date: string) => t('panel.fromCache', { date }),
      cost: (usd: string) => t('panel.cost', { usd }),
      streaming: uiCardButton.streaming,
      retryingBadOutput: t('panel.retryingBadOutput'),
      done: t('panel.done'),
      stopped: t('panel.stopped'),
      stop: t('panel.stop'),
      copy: t('panel.copy'),
      copied: t('panel.copied'),
      copyFailed: t('panel.copyFailed'),
      retry: t('panel.retry'),
      /** After an error: the same request again, once its cause is fixed (or the endpoint recovered). */
      retryAfterError: t('panel.retryAfterError'),
      openReader: t('panel.openReader'),
      openOptions: t('panel.openOptions'),
      billing: t('panel.billing'),
      waitThenRetry: (seconds: number) => t('panel.waitThenRetry', { seconds }),
      modelLine: (model: string) => t('panel.modelLine', { model }),
      tokens: (count: number) => t('panel.tokens', { count: formatCount(count) }),
      reload: t('panel.reload'),
    }) as const,
);

export const uiErrors = /* @__PURE__ */ surface(
  () =>
    ({
      noKey: t('errors.noKey'),
      badKey: t('errors.badKey'),
      originBlocked: t('errors.originBlocked'),
      priceUnknown: t('errors.priceUnknown'),
      notCompatible: t('errors.notCompatible'),
      auth: t('errors.auth'),
      permission: t('errors.permission'),
      modelNotFound: t('errors.modelNotFound'),
      rateLimited: (seconds: number | null) =>
        seconds === null ? t('errors.rateLimited') : t('errors.rateLimitedFor', { seconds }),
      quota: t('errors.quota'),
      network: t('errors.network'),
      timeout: t('errors.timeout'),
      server: t('errors.server'),
      streamBroken: t('errors.streamBroken'),
      badOutput: t('errors.badOutput'),
      truncated: t('errors.truncated'),
      badRequest: t('errors.badRequest'),
      endpointPermission: t('errors.endpointPermission'),
      budget: t('errors.budget'),
      paperMissing: t('errors.paperMissing'),
      extensionReloaded: t('errors.extensionReloaded'),
      arxivPermission: t('errors.arxivPermission'),
      fullTextMissing: t('errors.fullTextMissing'),
      fullTextUnreadable: t('errors.fullTextUnreadable'),
      fullTextNetwork: t('errors.fullTextNetwork'),
      unknown: t('errors.unknown'),
    }) as const,
);

export const uiOptions = /* @__PURE__ */ surface(
  () =>
    ({
      title: t('options.title'),
      intro: t('options.intro'),
      apiKey: t('options.apiKey'),
      apiKeyHint: t('options.apiKeyHint'),
      apiKeyOptional: t('options.apiKeyOptional'),
      keyInvalidCharacters: t('options.keyInvalidCharacters'),
      welcomeTitle: t('options.welcomeTitle'),
      welcomeSteps: [t('options.welcomeSteps1'), t('options.welcomeSteps2'), t('options.welcomeSteps3')],
      provider: t('options.provider'),
      keyPage: (provider: string) => t('options.keyPage', { provider }),
      connectionSection: t('options.connectionSection'),
      advancedSection: t('options.advancedSection'),
      fixFields: t('options.fixFields'),
      privateHttpConfirm: t('options.privateHttpConfirm'),
      privateHttpConfirmFirst: t('options.privateHttpConfirmFirst'),
      modelDeprecated: (model: string, date: string) => t('options.modelDeprecated', { model, date }),
      modelShutDown: (model: string, date: string) => t('options.modelShutDown', { model, date }),
      useSuccessor: (model: string) => t('options.useSuccessor', { model }),
      priceUnknown: (model: string) => t('options.priceUnknown', { model }),
      priceNeededForBudget: (model: string) => t('options.priceNeededForBudget', { model }),
      ownPriceUsed: (model: string) => t('options.ownPriceUsed', { model }),
      priceInputPerMillion: t('options.priceInputPerMillion'),
      priceOutputPerMillion: t('options.priceOutputPerMillion'),
      showKey: t('options.showKey'),
      hideKey: t('options.hideKey'),
      endpoint: t('options.endpoint'),
      endpointHint: t('options.endpointHint'),
      model: t('options.model'),
      modelHint: t('options.modelHint'),
      loadModels: t('options.loadModels'),
      modelsLoaded: (count: number) => t('options.modelsLoaded', { count }),
      summaryStyle: t('options.summaryStyle'),
      styleBullets: t('options.styleBullets'),
      styleNewsletter: t('options.styleNewsletter'),
      save: t('options.save'),
      saved: t('options.saved'),
      testConnection: t('options.testConnection'),
      testing: t('options.testing'),
      connectionOk: (model: string) => t('options.connectionOk', { model }),
      connectionOkKeyless: (model: string) => t('options.connectionOkKeyless', { model }),
      endpointInvalid: t('options.endpointInvalid'),
      endpointInsecure: t('options.endpointInsecure'),
      permissionDenied: t('options.permissionDenied'),
      modelRequired: t('options.modelRequired'),
      timeout: t('options.timeout'),
      timeoutHint: t('options.timeoutHint'),
      timeoutInvalid: t('options.timeoutInvalid'),
      connectionFailed: (message: string) => t('options.connectionFailed', { message }),
      modelsFailed: (message: string) => t('options.modelsFailed', { message }),
      loading: t('options.loading'),
      loadFailed: (message: string) => t('options.loadFailed', { message }),
      unsavedChanges: t('options.unsavedChanges'),
      runSection: t('options.runSection'),
      concurrency: t('options.concurrency'),
      concurrencyHint: t('options.concurrencyHint'),
      budget: t('options.budget'),
      budgetHint: t('options.budgetHint'),
      cacheSize: t('options.cacheSize'),
      autoSummarize: t('options.autoSummarize'),
      autoSummarizeHint: t('options.autoSummarizeHint'),
      prices: t('options.prices'),
      pricesHint: t('options.pricesHint'),
      priceModel: t('options.priceModel'),
      priceInput: t('options.priceInput'),
      priceOutput: t('options.priceOutput'),
      addPrice: t('options.addPrice'),
      numbersInvalid: t('options.numbersInvalid'),
      usageSection: t('options.usageSection'),
      usageToday: (requests: number, tokens: string, cost: string) =>
        t('options.usageToday', { requests, tokens, cost }),
      usageMonth: (cost: string, budget: string | null) =>
        budget ? t('options.usageMonthBudget', { cost, budget }) : t('options.usageMonth', { cost }),
      cacheSection: t('options.cacheSection'),
      cacheStats: (count: number, size: string, max: string) => t('options.cacheStats', { count, size, max }),
      clearCache: t('options.clearCache'),
      cacheCleared: t('options.cacheCleared'),
      exportCache: t('options.exportCache'),
      importCache: t('options.importCache'),
      imported: (imported: number, skipped: number) =>
        skipped > 0
          ? t('options.importedSkipped', { imported, skipped })
          : t('options.imported', { imported }),
      importFailed: t('options.importFailed'),
    }) as const,
);

export const uiPopup = /* @__PURE__ */ surface(
  () =>
    ({
      title: t('popup.title'),
      notPapersPage: t('popup.notPapersPage'),
      openPapers: t('popup.openPapers'),
      openOptions: t('popup.openOptions'),
      pageStatus: (total: number, done: number) => t('popup.pageStatus', { total, done }),
      failed: (count: number) => t('popup.failed', { count }),
      summarizeAll: t('popup.summarizeAll'),
      queued: (count: number) => (count > 0 ? t('popup.queued', { count }) : t('popup.nothingQueued')),
      digest: t('popup.digest'),
      order: t('popup.order'),
      orderUpvotes: t('popup.orderUpvotes'),
      orderPage: t('popup.orderPage'),
      orderRecommended: t('popup.orderRecommended'),
      format: t('popup.format'),
      formatFull: t('popup.formatFull'),
      formatOneLiners: t('popup.formatOneLiners'),
      missingOneLiners: t('popup.missingOneLiners'),
      missingOneLinersRun: t('popup.missingOneLinersRun'),
      workingOneLiners: t('popup.workingOneLiners'),
      emptyOneLiners: t('popup.emptyOneLiners'),
      missing: t('popup.missing'),
      missingSummarize: (count: number) => t('popup.missingSummarize', { count }),
      missingSkip: t('popup.missingSkip'),
      headerFooter: t('popup.headerFooter'),
      useDeep: t('popup.useDeep'),
      copy: t('popup.copy'),
      download: t('popup.download'),
      working: t('popup.working'),
      copied: (count: number) => t('popup.copied', { count }),
      downloaded: (name: string) => t('popup.downloaded', { name }),
      empty: t('popup.empty'),
      copyFailed: t('popup.copyFailed'),
      spendToday: (cost: string, requests: number) => t('popup.spendToday', { cost, requests }),
      shortcut: t('popup.shortcut'),
    }) as const,
);

/** When some papers of the page's data have no card we could find (lib/page/fallback-list.ts). */
export const uiFallback = /* @__PURE__ */ surface(
  () =>
    ({
      label: t('fallback.label'),
      open: t('fallback.open'),
      notice: (papers: number, withCard: number) => t('fallback.notice', { papers, withCard }),
      hint: t('fallback.hint'),
      listLabel: t('fallback.listLabel'),
    }) as const,
);

/** The popup's report of what the page reader saw (components/popup/PageReadingReport.tsx). */
export const uiReading = /* @__PURE__ */ surface(
  () =>
    ({
      title: t('reading.title'),
      route: t('reading.route'),
      island: t('reading.island'),
      papersInData: t('reading.papersInData'),
      cards: t('reading.cards'),
      withoutCard: t('reading.withoutCard'),
      count: (count: number) => t('reading.count', { count }),
      cardsFound: (cards: number, papers: number) => t('reading.cardsFound', { cards, papers }),
      useList: t('reading.useList'),
      unknownLayout: t('reading.unknownLayout'),
      copy: t('reading.copy'),
      copied: t('reading.copied'),
      copyFailed: t('reading.copyFailed'),
    }) as const,
);

/** The options page's provider list: the names that need words, and what to do besides pasting a key. */
export const uiProviders = /* @__PURE__ */ surface(() => ({
  names: {
    ollama: t('providers.ollama'),
    lmstudio: t('providers.lmstudio'),
    other: t('providers.other'),
  } as Partial<Record<ProviderId, string>>,
  notes: {
    openrouter: t('providers.noteOpenrouter'),
    gemini: t('providers.noteGemini'),
    anthropic: t('providers.noteAnthropic'),
    azure: t('providers.noteAzure'),
    ollama: t('providers.noteOllama'),
    lmstudio: t('providers.noteLmstudio'),
    other: t('providers.noteOther'),
  } as Partial<Record<ProviderId, string>>,
}));
