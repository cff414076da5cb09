// Every Korean string the user reads, in one place; one export per surface, so each bundle keeps its own.

// Written out rather than through Intl: building an Intl formatter loads locale data, which took
// ~15 ms of the page's main thread on first use (measured with the 50-card cached-page benchmark).

/** e.g. 2026년 11월 23일 (local time) */
export function formatKoreanDate(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}년 ${date.getMonth() + 1}월 ${date.getDate()}일`;
}

/** e.g. 12,345 (whole numbers: token counts) */
export function formatCount(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+$)/g, ',');
}

export const koToolbar = {
  label: 'Daily Papers KO 페이지 도구',
  summarizeAll: '이 페이지 모두 요약',
  cancel: '취소',
  order: '순서',
  orderPage: '페이지 순서',
  orderUpvotes: '추천 순 (upvote)',
  /** By the interests set on the options page (rankPapers). */
  orderRecommended: '추천순',
  status: (total: number, done: number) => `논문 ${total}편 · 요약 ${done}편`,
  estimate: (count: number, tokens: string, cost: string) => `${count}편 ≈ ${tokens} 토큰 ≈ ${cost}`,
  progress: (done: number, total: number) => `${done} / ${total} 요약됨`,
  nothingLeft: '이 페이지의 논문을 모두 요약했습니다.',
  /** The end of a whole-page run. */
  runReport: (run: { done: number; failed: number; stopped: number; skipped: number; cost: string | null }) =>
    [
      `모두 요약 끝: 완료 ${run.done}편`,
      `실패 ${run.failed}편`,
      ...(run.stopped > 0 ? [`취소 ${run.stopped}편`] : []),
      `건너뜀 ${run.skipped}편(이미 요약됨)`,
      run.cost === null ? '비용: 가격을 몰라 계산하지 못함' : `비용 약 ${run.cost}`,
    ].join(' · '),
  foldGroup: '요약 패널',
  foldAll: '모두 접기',
  unfoldAll: '모두 펼치기',
} as const;

/** Before any click, while summaries need a key that is not saved (page toolbar and popup). */
export const koKeyNotice = {
  message: 'API 키를 설정하세요. ',
  openOptions: '설정 열기',
} as const;

/** The button under each card (the content script's boot part paints it). */
export const koCardButton = {
  label: '한국어 요약',
  streaming: '요약을 받는 중…',
} as const;

export const koPanel = {
  regionLabel: (title: string) => `${title} 한국어 요약`,
  loading: '요약을 요청하는 중…',
  queued: '차례를 기다리는 중…',
  waiting: (seconds: number) => `엔드포인트가 잠시 기다리라고 해서 ${seconds}초 뒤에 다시 시도합니다.`,
  fromCache: (date: string) => `저장된 요약(${date})`,
  cost: (usd: string) => `약 ${usd}`,
  streaming: koCardButton.streaming,
  retryingBadOutput: '답변이 한국어 요약 형식이 아니어서 한 번 더 요청하는 중…',
  done: '요약을 마쳤습니다.',
  stopped: '요약을 중단했습니다. 받은 부분만 표시하며 저장하지 않습니다.',
  stop: '중단',
  copy: '복사',
  copied: '복사했습니다.',
  copyFailed: '복사하지 못했습니다. 텍스트를 직접 선택해 복사하세요.',
  retry: '다시 요약',
  /** After an error: the same request again, once its cause is fixed (or the endpoint recovered). */
  retryAfterError: '다시 시도',
  openReader: '한국어로 읽기',
  openOptions: '설정 열기',
  billing: 'OpenAI 결제 페이지 열기',
  waitThenRetry: (seconds: number) => `${seconds}초 후에 다시 시도할 수 있습니다`,
  modelLine: (model: string) => `모델: ${model}`,
  tokens: (count: number) => `${formatCount(count)} 토큰`,
  reload: '페이지 새로 고침',
} as const;

export const koErrors = {
  noKey: 'API 키가 없습니다. 설정에서 API 키를 입력하세요.',
  badKey: 'API 키에 보낼 수 없는 문자가 있습니다. 키를 다시 붙여 넣으세요.',
  originBlocked:
    '로컬 서버가 확장의 요청을 막았습니다(403). OLLAMA_ORIGINS="chrome-extension://*,moz-extension://*"를 설정하고 Ollama를 다시 시작하세요.',
  priceUnknown: '이 모델의 가격을 몰라 예산을 지킬 수 없습니다. 설정에서 가격을 입력하세요.',
  notCompatible: 'OpenAI 호환 API가 아닙니다. 엔드포인트 URL을 확인하세요.',
  auth: 'API 키가 올바르지 않습니다(401). 설정에서 키를 확인하세요.',
  permission: '이 키로는 이 모델이나 엔드포인트를 쓸 권한이 없습니다(403). 설정에서 키와 모델을 확인하세요.',
  modelNotFound: '모델을 찾을 수 없습니다. 설정에서 모델 이름을 확인하세요.',
  rateLimited: (seconds: number | null) =>
    seconds === null
      ? '요청 한도에 걸렸습니다(429). 잠시 후 다시 시도하세요.'
      : `요청 한도에 걸렸습니다(429). ${seconds}초 후 다시 시도하세요.`,
  quota: '사용 한도(크레딧)를 모두 썼습니다. OpenAI 결제 설정에서 한도나 잔액을 확인하세요.',
  network: '엔드포인트에 연결할 수 없습니다. 인터넷 연결과 설정의 엔드포인트 URL을 확인하세요.',
  timeout: '엔드포인트가 제한 시간 안에 응답하지 않았습니다. 잠시 후 다시 시도하세요.',
  server: '엔드포인트 서버에 문제가 생겼습니다(5xx). 잠시 후 다시 시도하세요.',
  streamBroken: '요약을 받는 도중 연결이 끊겼습니다. 다시 시도하세요. 끊긴 요약은 저장하지 않았습니다.',
  badOutput:
    '모델이 한국어 요약을 만들지 못했습니다(두 번 시도). 다시 시도하거나 설정에서 다른 모델을 고르세요.',
  truncated:
    '요약이 길이 제한에서 잘렸습니다. 다시 시도하거나 다른 모델을 고르세요. 잘린 요약은 저장하지 않았습니다.',
  badRequest: '엔드포인트가 요청을 거절했습니다. 설정의 엔드포인트 URL과 모델을 확인하세요.',
  endpointPermission:
    '이 엔드포인트에 접속할 권한이 없습니다. 설정에서 엔드포인트를 다시 저장하고 권한을 허용하세요.',
  budget: '이번 달 예산에 도달해 새 요청을 멈췄습니다. 설정에서 예산을 늘리거나 다음 달을 기다리세요.',
  paperMissing: '이 논문의 제목과 초록을 페이지에서 찾지 못했습니다. 페이지를 새로 고친 뒤 다시 시도하세요.',
  extensionReloaded: '확장 프로그램이 업데이트되었습니다. 페이지를 새로 고친 뒤 다시 시도하세요.',
  arxivPermission:
    '논문 전문을 arXiv에서 가져오려면 arxiv.org 접근 권한이 필요합니다. "한국어로 읽기" 페이지에서 권한을 허용하세요.',
  fullTextMissing: 'arXiv에 이 논문의 전문(HTML도 PDF도)이 없습니다. 초록 요약은 그대로 볼 수 있습니다.',
  fullTextUnreadable: 'arXiv에서 받은 전문(HTML·PDF)을 읽지 못했습니다. 초록 요약은 그대로 볼 수 있습니다.',
  fullTextNetwork: 'arXiv에 연결하지 못했습니다. 잠시 후 다시 시도하세요. 초록 요약은 그대로 볼 수 있습니다.',
  unknown: '알 수 없는 오류로 요약하지 못했습니다. 다시 시도하세요.',
} as const;

export const koOptions = {
  title: 'Daily Papers KO 설정',
  intro: 'Hugging Face Daily Papers의 논문마다 한국어 요약을 붙입니다. 요약은 내 API 키로 직접 요청합니다.',
  apiKey: 'API 키',
  apiKeyHint:
    '이 컴퓨터의 확장 전용 저장소에만 저장됩니다. 동기화되지 않고, 웹 페이지와 콘텐츠 스크립트는 읽을 수 없습니다.',
  apiKeyOptional: '내 컴퓨터나 사내망의 서버는 보통 키가 필요 없습니다. 비워 두어도 됩니다.',
  keyInvalidCharacters:
    '키에 HTTP 헤더로 보낼 수 없는 문자(한글, 특수 따옴표 등)가 있습니다. 발급 페이지에서 키를 다시 복사해 붙여 넣으세요.',
  welcomeTitle: 'Daily Papers KO를 설치해 주셔서 고맙습니다',
  welcomeSteps: [
    '아래에서 제공사를 고르고 API 키를 붙여 넣으세요. 내 컴퓨터의 Ollama·LM Studio는 키가 없어도 됩니다.',
    '연결 테스트로 키와 모델을 확인한 뒤 저장하세요.',
    'huggingface.co/papers에서 논문 카드 아래 "한국어 요약"을 누르면 요약이 바로 흘러 들어옵니다.',
  ],
  provider: '제공사',
  keyPage: (provider: string) => `${provider} 키 발급 페이지 열기`,
  connectionSection: '연결',
  advancedSection: '고급 설정: 요약 방식, 동시 요청, 예산, 캐시, 가격표',
  fixFields: '표시된 칸을 확인하세요.',
  privateHttpConfirm:
    '사내망 서버에 암호화되지 않은 http로 키와 논문을 보내는 것을 허용합니다(같은 네트워크의 다른 사람이 볼 수 있습니다).',
  privateHttpConfirmFirst: '사내망 http 주소입니다. 아래 확인란을 선택한 뒤 다시 누르세요.',
  modelDeprecated: (model: string, date: string) => `${model}은(는) ${date}에 서비스가 종료될 예정입니다.`,
  modelShutDown: (model: string, date: string) => `${model}은(는) ${date}에 서비스가 종료되었습니다.`,
  useSuccessor: (model: string) => `${model}(으)로 바꾸기`,
  priceUnknown: (model: string) =>
    `${model}의 가격을 모릅니다. 비용을 추적하려면 가격을 입력하세요(모르는 가격은 0원으로 치지 않습니다).`,
  priceNeededForBudget: (model: string) =>
    `월 예산이 설정되어 있어 ${model}의 가격을 입력해야 요약을 보냅니다.`,
  ownPriceUsed: (model: string) => `${model}의 비용은 직접 입력한 가격으로 셉니다(저장해야 적용됩니다).`,
  priceInputPerMillion: '입력 $/100만',
  priceOutputPerMillion: '출력 $/100만',
  showKey: '키 보기',
  hideKey: '키 숨기기',
  endpoint: '엔드포인트 URL',
  endpointHint: '제공사를 고르면 채워집니다. 직접 적을 때는 …/v1 형식의 주소를 씁니다.',
  model: '모델',
  modelHint: '목록에서 고르거나 직접 입력하세요.',
  loadModels: '모델 목록 불러오기',
  modelsLoaded: (count: number) => `모델 ${count}개를 불러왔습니다.`,
  summaryStyle: '요약 스타일',
  styleBullets: '핵심 요약: 한국어 제목과 3–7개 항목',
  styleNewsletter: "뉴스레터: What's New / Technical Details / Performance Highlights",
  save: '저장',
  saved: '저장했습니다.',
  testConnection: '연결 테스트',
  testing: '연결을 확인하는 중…',
  connectionOk: (model: string) => `연결됨: 키와 엔드포인트가 맞고, 모델 ${model}이(가) 응답했습니다.`,
  connectionOkKeyless: (model: string) => `연결됨: 키 없이 접속했고, 모델 ${model}이(가) 응답했습니다.`,
  endpointInvalid: '엔드포인트 URL이 올바르지 않습니다. https://로 시작하는 주소를 입력하세요.',
  endpointInsecure:
    'API 키를 보호하려면 https 주소를 쓰세요. http는 이 컴퓨터(localhost)와 사내망(192.168.x.x 등) 서버에만 허용됩니다.',
  permissionDenied:
    '이 엔드포인트에 접속할 권한이 허용되지 않아 저장하지 않았습니다. 다시 저장하고 권한을 허용하세요.',
  modelRequired: '모델 이름을 입력하세요.',
  timeout: '응답 대기 시간(초)',
  timeoutHint: '첫 응답과 스트림 조각 사이를 이만큼 기다립니다. 느린 로컬 모델이면 늘리세요.',
  timeoutInvalid: '응답 대기 시간은 1–600초 사이의 정수여야 합니다.',
  connectionFailed: (message: string) => `연결 실패: ${message}`,
  modelsFailed: (message: string) => `모델 목록을 불러오지 못했습니다: ${message}`,
  loading: '저장된 설정을 불러오는 중…',
  loadFailed: (message: string) => `저장된 설정을 읽지 못했습니다. 페이지를 새로 고쳐 주세요. (${message})`,
  unsavedChanges: '저장하지 않은 변경 사항이 있습니다.',
  runSection: '여러 편 요약과 비용',
  concurrency: '동시 요청 수',
  concurrencyHint:
    '"이 페이지 모두 요약" 때 한 번에 보내는 요청 수. 엔드포인트가 요청 한도(429)를 알리면 자동으로 줄입니다.',
  budget: '월 예산(USD)',
  budgetHint: '이번 달 사용액이 이 금액에 도달하면 새 요청을 멈춥니다. 0이면 예산 없음.',
  cacheSize: '요약 캐시 최대 크기(MB)',
  autoSummarize: '화면에 보이는 카드를 자동으로 요약',
  autoSummarizeHint:
    '켜면 스크롤해서 보이는 논문마다 클릭 없이 요약을 요청합니다(비용이 듭니다). 기본은 꺼짐.',
  prices: '모델별 가격(USD, 100만 토큰당)',
  pricesHint: '비용 추정에 씁니다. 실제 청구액은 엔드포인트의 가격을 따릅니다.',
  priceModel: '모델',
  priceInput: '입력',
  priceOutput: '출력',
  addPrice: '현재 모델 가격 추가',
  numbersInvalid: '동시 요청 수는 1–10, 예산은 0 이상, 캐시 크기는 1–8MB여야 합니다.',
  usageSection: '사용량',
  usageToday: (requests: number, tokens: string, cost: string) =>
    `오늘: 요청 ${requests}건 · ${tokens} 토큰 · ${cost}`,
  usageMonth: (cost: string, budget: string | null) => `이번 달: ${cost}${budget ? ` / 예산 ${budget}` : ''}`,
  cacheSection: '요약 캐시',
  cacheStats: (count: number, size: string, max: string) => `저장된 요약 ${count}개 · ${size} / 최대 ${max}`,
  clearCache: '캐시 비우기',
  cacheCleared: '캐시를 비웠습니다.',
  exportCache: '파일로 내보내기',
  importCache: '파일에서 가져오기',
  imported: (imported: number, skipped: number) =>
    `요약 ${imported}개를 가져왔습니다${skipped > 0 ? ` (${skipped}개는 이미 있거나 올바르지 않아 건너뜀)` : ''}.`,
  importFailed: 'Daily Papers KO 캐시 파일이 아닙니다.',
} as const;

export const koPopup = {
  title: 'Daily Papers KO',
  notPapersPage: '이 탭은 Hugging Face Daily Papers 페이지가 아닙니다.',
  openPapers: 'Hugging Face Daily Papers 열기',
  openOptions: '설정 열기',
  pageStatus: (total: number, done: number) => `논문 ${total}편 · 요약 ${done}편`,
  failed: (count: number) => `요약 실패 ${count}편: 카드의 "다시 시도"로 다시 요청하세요.`,
  summarizeAll: '이 페이지 모두 요약',
  queued: (count: number) =>
    count > 0 ? `${count}편을 요약 대기열에 넣었습니다.` : '요약할 논문이 남아 있지 않습니다.',
  digest: '다이제스트(Markdown) 내보내기',
  order: '순서',
  orderUpvotes: '추천 순 (upvote)',
  orderPage: '페이지 순서',
  orderRecommended: '추천순',
  format: '형식',
  formatFull: '전체 요약',
  formatOneLiners: '한 줄 요약만',
  missingOneLiners: '한 줄 요약이 없는 논문',
  missingOneLinersRun: '먼저 "한 줄 요약" 받기(요청 한두 번, 비용이 듭니다)',
  workingOneLiners: '한 줄 요약을 받는 중… 창을 닫지 마세요.',
  emptyOneLiners: '내보낼 한 줄 요약이 없습니다. 페이지의 "한 줄 요약"을 먼저 누르세요.',
  missing: '요약이 없는 논문',
  missingSummarize: (count: number) => `먼저 요약하기(${count}편, 비용이 듭니다)`,
  missingSkip: '빼고 내보내기',
  headerFooter: '머리말과 꼬리말(프로젝트 소개, 라이선스, 인용 안내) 넣기',
  useDeep: '전문 요약이 있는 논문은 전문 요약으로(2024 뉴스레터 형식)',
  copy: '클립보드에 복사',
  download: '파일로 저장',
  working: '요약을 마치는 중… 창을 닫지 마세요.',
  copied: (count: number) => `논문 ${count}편의 다이제스트를 복사했습니다.`,
  downloaded: (name: string) => `${name} 파일로 저장했습니다.`,
  empty: '내보낼 요약이 없습니다. 먼저 요약하세요.',
  copyFailed: '클립보드에 복사하지 못했습니다. 파일로 저장을 쓰세요.',
  spendToday: (cost: string, requests: number) => `오늘 사용: ${cost} (요청 ${requests}건)`,
  shortcut: '단축키: Alt+Shift+S로 이 페이지 모두 요약',
} as const;

/** When some papers of the page's data have no card we could find (lib/page/fallback-list.ts). */
export const koFallback = {
  label: 'Daily Papers KO 논문 목록',
  open: '목록으로 보기',
  notice: (papers: number, withCard: number) => `카드 ${papers}편 중 ${withCard}편만 찾았습니다`,
  hint: 'Hugging Face 화면이 바뀌어 일부 논문에 버튼을 달지 못했습니다. 목록에서 모든 논문을 요약할 수 있습니다.',
  listLabel: '이 페이지의 논문',
} as const;

/** The popup's report of what the page reader saw (components/popup/PageReadingReport.tsx). */
export const koReading = {
  title: '페이지 읽기 상태',
  route: '페이지 종류',
  island: '페이지 데이터',
  papersInData: '데이터의 논문',
  cards: '찾은 카드',
  withoutCard: '카드 없는 논문',
  count: (count: number) => `${count}편`,
  cardsFound: (cards: number, papers: number) => `${cards}개 (논문 ${papers}편)`,
  useList: '페이지 위쪽의 "목록으로 보기"에서 모든 논문을 요약할 수 있습니다.',
  unknownLayout:
    '이 페이지에서 논문 데이터와 카드를 찾지 못했습니다. Hugging Face 화면이 바뀐 것 같습니다. 아래 정보를 복사해 문제를 알려 주세요.',
  copy: '문제 보고용 정보 복사',
  copied: '복사했습니다. 키, 요약, 주소, 검색어는 들어 있지 않습니다.',
  copyFailed: '클립보드에 복사하지 못했습니다.',
} as const;
