// The reader page's Korean strings ("한국어로 읽기"), apart from lib/shared/i18n/ui.ts so that the pages
// sharing that file's chunk (options, popup) do not carry them.

import { surface, t } from './t.ts';
export const uiReader = /* @__PURE__ */ surface(
  () =>
    ({
      pageTitle: (title: string) => t('reader.pageTitle', { title }),
      eyebrow: t('reader.eyebrow'),
      noPaper: t('reader.noPaper'),
      loadingPaper: t('reader.loadingPaper'),
      openOnHf: t('reader.openOnHf'),
      openOnArxiv: t('reader.openOnArxiv'),
      openSource: (source: 'arxiv-html' | 'pdf') =>
        source === 'pdf' ? t('reader.openPdf') : t('reader.openHtml'),
      sourceLine: (source: 'arxiv-html' | 'pdf', version: string) =>
        source === 'pdf'
          ? t('reader.sourcePdf')
          : t('reader.sourceHtml', { version: version ? ` ${version}` : '' }),
      outline: t('reader.outline'),
      abstract: t('reader.abstract'),
      permissionTitle: t('reader.permissionTitle'),
      permissionBody: t('reader.permissionBody'),
      permissionButton: t('reader.permissionButton'),
      permissionDenied: t('reader.permissionDenied'),
      deepTitle: t('reader.deepTitle'),
      deepButton: t('reader.deepButton'),
      deepAgain: t('reader.deepAgain'),
      /** A card's panel: after the estimate, start the deep summary or not. */
      startDeep: t('reader.startDeep'),
      cancel: t('reader.cancel'),
      openReader: t('reader.openReader'),
      estimating: t('reader.estimating'),
      estimate: (tokens: string, cost: string, requests: number, model: string) =>
        t('reader.estimate', { tokens, cost, requests, model }),
      estimateParts: (parts: number) => t('reader.estimateParts', { parts }),
      queued: t('reader.queued'),
      waiting: (seconds: number) => t('reader.waiting', { seconds }),
      readingFullText: t('reader.readingFullText'),
      readingPart: (index: number, of: number) => t('reader.readingPart', { index, of }),
      combining: t('reader.combining'),
      streaming: t('reader.streaming'),
      retrying: t('reader.retrying'),
      stopped: t('reader.stopped'),
      stop: t('reader.stop'),
      done: t('reader.done'),
      keyFigure: t('reader.keyFigure'),
      figure: (label: string) => label,
      codeAndData: t('reader.codeAndData'),
      linkFrom: {
        paper: t('reader.linkFrom.paper'),
        github: t('reader.linkFrom.github'),
        project: t('reader.linkFrom.project'),
      },
      partsNote: (parts: number) => t('reader.partsNote', { parts }),
      explain: t('reader.explain'),
      explainAgain: t('reader.explainAgain'),
      explanation: t('reader.explanation'),
      koreanCaption: t('reader.koreanCaption'),
      questionsTitle: t('reader.questionsTitle'),
      questionLabel: t('reader.questionLabel'),
      questionPlaceholder: t('reader.questionPlaceholder'),
      ask: t('reader.ask'),
      suggestions: t('reader.suggestions'),
      you: t('reader.you'),
      answer: t('reader.answer'),
      emptyQuestion: t('reader.emptyQuestion'),
      meta: (model: string, tokens: string | null, cost: string | null, cached: string | null) =>
        [
          cached,
          t('reader.metaModel', { model }),
          tokens && t('reader.metaTokens', { tokens }),
          cost && t('reader.metaCost', { cost }),
        ]
          .filter(Boolean)
          .join(' · '),
      fromCache: (date: string) => t('reader.fromCache', { date }),
      openOptions: t('reader.openOptions'),
      retry: t('reader.retry'),
    }) as const,
);
