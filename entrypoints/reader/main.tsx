// Reader page entry ("한국어로 읽기"): one paper, named in the address (reader.html?paper=<arXiv id>).
import { render } from 'preact';
import { ReaderPage } from '../../components/reader/ReaderPage.tsx';
import { parseReaderQuery } from '../../lib/shared/arxiv.ts';
import { koReader } from '../../lib/shared/i18n/ko-reader.ts';
import '../../assets/styles/extension-page.css';
import '../../assets/styles/reader.css';

const root = document.getElementById('app');
const paper = parseReaderQuery(location.search);
if (root) render(paper ? <ReaderPage paper={paper} /> : <p class="reader hint">{koReader.noPaper}</p>, root);
