// The small print under a finished summary: which model wrote it and what it used.
import { ko } from '../lib/i18n/ko.ts';
import type { Usage } from '../lib/messages.ts';

export interface SummaryMetaProps {
  model: string;
  usage: Usage | null;
}

export function SummaryMeta({ model, usage }: SummaryMetaProps) {
  return (
    <span class="dpk-meta">
      {ko.panel.modelLine(model)}
      {usage && ` · ${ko.panel.tokens(usage.promptTokens + usage.completionTokens)}`}
    </span>
  );
}
