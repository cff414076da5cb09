// Reader page entry ("한국어로 읽기"): one paper, named in the address (reader.html?paper=<arXiv id>).
import { render } from 'preact';
import { ReaderPage } from '../../components/reader/ReaderPage.tsx';
import { parseReaderQuery } from '../../lib/shared/arxiv.ts';
import { uiReader } from '../../lib/shared/i18n/ui-reader.ts';
import { setPageLanguage } from '../../lib/ui/page-language.ts';
import '../../assets/styles/extension-page.css';
import '../../assets/styles/reader.css';

setPageLanguage(uiReader.eyebrow);
const root = document.getElementById('app');
const paper = parseReaderQuery(location.search);
if (root) render(paper ? <ReaderPage paper={paper} /> : <p class="reader hint">{uiReader.noPaper}</p>, root);
