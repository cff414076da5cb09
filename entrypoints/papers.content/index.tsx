// Content script: puts a "한국어 요약" button and panel under every paper card on huggingface.co/papers.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CardSummary } from '../../components/CardSummary.tsx';
import type { CardTarget } from '../../lib/content/card-hosts.ts';
import { loadPaper, toPaperForSummary } from '../../lib/content/paper-source.ts';
import { startPapersPage } from '../../lib/content/papers-page.ts';
import css from './style.css?inline';

function renderCard(target: CardTarget, shadow: ShadowRoot): () => void {
  const container = document.createElement('div');
  shadow.append(container);
  const load = async () => {
    const paper = await loadPaper(target.paperId);
    return paper ? toPaperForSummary(paper) : null;
  };
  const openOptions = () => void browser.runtime.sendMessage({ type: 'openOptions' });
  render(
    <CardSummary paperId={target.paperId} title={target.title} loadPaper={load} openOptions={openOptions} />,
    container,
  );
  return () => render(null, container);
}

export default defineContentScript({
  matches: ['https://huggingface.co/papers*'],
  runAt: 'document_idle',
  main(ctx) {
    startPapersPage(ctx, renderCard, css);
  },
});
