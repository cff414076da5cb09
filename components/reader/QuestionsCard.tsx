// "질문": the paper's questions and answers (kept with its summary), three questions to start with,
// and a box to ask another; the answer streams in, grounded in the paper's text.
import { useState } from 'preact/hooks';
import type { TurnView } from '../../lib/shared/deep-domain.ts';
import { isRunning, streamedSoFar } from '../../lib/shared/deep-operation.ts';
import type { DeepPaper } from '../../lib/shared/domain.ts';
import { uiReader } from '../../lib/shared/i18n/ui-reader.ts';
import { useDeepOperation } from '../../lib/ui/reader/use-deep-operation.ts';
import { OperationStatus } from './OperationStatus.tsx';
import { ResultMeta } from './ResultMeta.tsx';
import { SafeHtml } from './SafeHtml.tsx';

function Turn({ turn }: { turn: TurnView }) {
  return (
    <li class="turn">
      <p class="question">
        <span class="who">{uiReader.you}</span> {turn.question}
      </p>
      <SafeHtml html={turn.html} class="answer summary" lang="ko" />
      <ResultMeta {...turn} fromCache={false} />
    </li>
  );
}

export function QuestionsCard({
  paper,
  thread,
  suggestions,
  canRun,
  onAnswered,
  onOpenOptions,
}: {
  paper: DeepPaper;
  thread: TurnView[];
  suggestions: string[];
  canRun: boolean;
  onAnswered: (turn: TurnView) => void;
  onOpenOptions: () => void;
}) {
  const [question, setQuestion] = useState('');
  const [asked, setAsked] = useState('');
  const operation = useDeepOperation((result) => {
    if (result.kind === 'answer') onAnswered(result.turn);
  });
  const { state } = operation;
  const running = isRunning(state);
  const ask = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed || running) return;
    setAsked(trimmed);
    setQuestion('');
    operation.start({ type: 'ask', paper, question: trimmed });
  };
  const streaming = streamedSoFar(state);
  return (
    <section class="card questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{uiReader.questionsTitle}</h2>
      {thread.length > 0 && (
        <ol class="thread">
          {thread.map((turn) => (
            <Turn key={turn.createdAt} turn={turn} />
          ))}
        </ol>
      )}
      {(running || streaming || state.phase === 'error') && asked && (
        <div class="turn pending">
          <p class="question">
            <span class="who">{uiReader.you}</span> {asked}
          </p>
          {streaming && (
            <SafeHtml html={streaming.html} class="answer summary" lang="ko" busy={streaming.busy} />
          )}
        </div>
      )}
      <OperationStatus
        state={state.phase === 'done' ? { phase: 'idle' } : state}
        onStop={operation.stop}
        onRetry={() => ask(asked)}
        onOpenOptions={onOpenOptions}
      />
      {thread.length === 0 && suggestions.length > 0 && (
        <div class="suggestions">
          <p class="hint">{uiReader.suggestions}</p>
          {suggestions.slice(0, 3).map((suggestion) => (
            <button
              type="button"
              class="chip"
              key={suggestion}
              disabled={!canRun || running}
              onClick={() => ask(suggestion)}
            >
              {suggestion}
            </button>
          ))}
        </div>
      )}
      <form
        class="ask"
        onSubmit={(event) => {
          event.preventDefault();
          ask(question);
        }}
      >
        <label for="question">{uiReader.questionLabel}</label>
        <div class="row">
          <textarea
            id="question"
            rows={2}
            value={question}
            placeholder={uiReader.questionPlaceholder}
            maxLength={2000}
            onInput={(event) => setQuestion(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                ask(question);
              }
            }}
          />
          <button type="submit" class="primary" disabled={!canRun || running || !question.trim()}>
            {uiReader.ask}
          </button>
        </div>
      </form>
    </section>
  );
}
