#!/usr/bin/env node
// A large knowledge base for the scale benchmark: the shipped content, plus generated
// entries in all four locales, written as the content folder the console reads.
//
//   node bench/gen-kb.mjs <out dir> [total entries, default 10000] [seed, default 1]
//
// The generated entries are varied on purpose: each combines a product, a component, a
// symptom and a cause from pools of real ACK and Kubernetes vocabulary, with error
// lines, commands and identifiers of its own, so the index holds tens of thousands of
// distinct terms and postings of realistic length, not 140 copies of the same 71 entries.
// The same seed gives the same files. The shipped entries are copied unchanged, so a
// search for them can be compared with the shipped knowledge base.

import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [out, totalArg = '10000', seedArg = '1'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bench/gen-kb.mjs <out dir> [total entries] [seed]');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'content');
const shipped = readdirSync(join(root, 'entries'));
const total = Math.max(Number(totalArg), shipped.length);

// mulberry32: small, fast, and the same everywhere.
let state = Number(seedArg) >>> 0 || 1;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const some = (xs, n) => {
  const copy = [...xs];
  const outList = [];
  while (outList.length < n && copy.length) outList.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
  return outList;
};

const categories = ['cluster', 'nodes', 'control-plane', 'network', 'storage', 'access', 'diagnostics', 'operations'];
const products = [
  'kubelet', 'containerd', 'CoreDNS', 'Terway', 'Flannel', 'kube-proxy', 'etcd', 'metrics-server', 'cluster-autoscaler',
  'cloud-controller-manager', 'csi-plugin', 'csi-provisioner', 'nginx-ingress-controller', 'ALB Ingress', 'logtail-ds',
  'ack-node-problem-detector', 'aliyun-acr-credential-helper', 'Virtual Node', 'ECI', 'NodeLocal DNSCache', 'Gatekeeper',
  'ack-koordinator', 'Prometheus', 'ARMS', 'SLS', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'CLB', 'NLB',
];
const objects = {
  zh: ['节点', 'Pod', '容器', '镜像', '存储卷', '云盘', 'NAS 挂载点', '负载均衡', '安全组', '路由表', '证书', '节点池', '命名空间', 'Service', 'Ingress', '配置项', '日志采集', '弹性伸缩', 'DNS 解析', '网卡'],
  zhTw: ['節點', 'Pod', '容器', '映像檔', '儲存卷', '雲端硬碟', 'NAS 掛載點', '負載平衡', '安全群組', '路由表', '憑證', '節點池', '命名空間', 'Service', 'Ingress', '設定項', '日誌收集', '彈性伸縮', 'DNS 解析', '網路卡'],
  id: ['node', 'Pod', 'kontainer', 'image', 'volume penyimpanan', 'disk cloud', 'titik mount NAS', 'load balancer', 'grup keamanan', 'tabel rute', 'sertifikat', 'node pool', 'namespace', 'Service', 'Ingress', 'item konfigurasi', 'pengumpulan log', 'penskalaan otomatis', 'resolusi DNS', 'kartu jaringan'],
  ja: ['ノード', 'Pod', 'コンテナ', 'イメージ', 'ストレージボリューム', 'クラウドディスク', 'NAS マウントターゲット', 'ロードバランサー', 'セキュリティグループ', 'ルートテーブル', '証明書', 'ノードプール', '名前空間', 'Service', 'Ingress', '設定項目', 'ログ収集', 'オートスケーリング', 'DNS 名前解決', 'ネットワークカード'],
};
const symptoms = {
  zh: ['一直处于 Pending', '反复重启', '无法挂载', '访问超时', '状态变为 NotReady', '内存占用持续升高', '磁盘空间告急', '调度失败', '健康检查不通过', '升级后不可用', '连接被拒绝', '日志中断', '扩容没有生效', '删除卡住不动', '响应变慢'],
  zhTw: ['一直處於 Pending', '反覆重新啟動', '無法掛載', '存取逾時', '狀態變為 NotReady', '記憶體用量持續升高', '磁碟空間不足', '排程失敗', '健康檢查未通過', '升級後無法使用', '連線被拒絕', '日誌中斷', '擴充沒有生效', '刪除卡住', '回應變慢'],
  id: ['tetap Pending', 'terus restart', 'gagal mount', 'timeout saat diakses', 'berstatus NotReady', 'memori terus naik', 'ruang disk hampir habis', 'gagal dijadwalkan', 'health check gagal', 'tidak tersedia setelah upgrade', 'koneksi ditolak', 'log terputus', 'penambahan kapasitas tidak berlaku', 'penghapusan macet', 'respons melambat'],
  ja: ['Pending のまま', '再起動を繰り返す', 'マウントできない', 'アクセスがタイムアウトする', 'NotReady になる', 'メモリ使用量が増え続ける', 'ディスク容量が逼迫する', 'スケジュールに失敗する', 'ヘルスチェックに失敗する', 'アップグレード後に使えない', '接続が拒否される', 'ログが途切れる', 'スケールアウトが反映されない', '削除が終わらない', '応答が遅くなる'],
};
const causes = {
  zh: ['配额不足', '安全组规则拦截了流量', '节点上的 {p} 版本过旧', '配置文件被手动修改', '可用区与资源不一致', '证书已经过期', '磁盘 inode 用尽', '网段冲突', '权限策略缺少授权', '依赖的云资源被删除'],
  zhTw: ['配額不足', '安全群組規則攔截了流量', '節點上的 {p} 版本過舊', '設定檔被手動修改', '可用區與資源不一致', '憑證已經過期', '磁碟 inode 用盡', '網段衝突', '權限原則缺少授權', '相依的雲端資源被刪除'],
  id: ['kuota tidak cukup', 'aturan grup keamanan memblokir lalu lintas', 'versi {p} di node terlalu lama', 'berkas konfigurasi diubah manual', 'zona tidak sama dengan sumber daya', 'sertifikat sudah kedaluwarsa', 'inode disk habis', 'blok CIDR bentrok', 'kebijakan izin kurang otorisasi', 'sumber daya cloud yang dibutuhkan terhapus'],
  ja: ['クォータが不足している', 'セキュリティグループのルールが通信を遮断している', 'ノード上の {p} のバージョンが古い', '設定ファイルが手動で変更された', 'ゾーンがリソースと一致しない', '証明書の有効期限が切れている', 'ディスクの inode が枯渇している', 'CIDR ブロックが競合している', '権限ポリシーに認可が足りない', '依存するクラウドリソースが削除された'],
};
const say = {
  zh: {
    title: (p, o, s) => `${p} 相关的${o}${s}`,
    summary: (o, s, c) => `${o}${s}时，多半是因为${c}。先确认现象，再按下面的步骤逐项排查和恢复。`,
    check: '排查步骤', fix: '处理方法', why: '原因分析', note: '注意',
    step: (o, cmd) => `在出问题的环境中执行 \`${cmd}\`，查看${o}的当前状态和最近的事件。`,
    cause: (c) => `常见原因是${c}；这种情况下仅重试通常无效。`,
    after: (p) => `处理完成后观察 ${p} 的日志，确认报错不再出现。`,
    caution: '修改前先备份相关配置，并在业务低峰期操作。',
  },
  zhTw: {
    title: (p, o, s) => `${p} 相關的${o}${s}`,
    summary: (o, s, c) => `${o}${s}時，多半是因為${c}。先確認現象，再依照下列步驟逐一排查並復原。`,
    check: '排查步驟', fix: '處理方式', why: '原因分析', note: '注意',
    step: (o, cmd) => `在發生問題的環境中執行 \`${cmd}\`，查看${o}目前的狀態與最近的事件。`,
    cause: (c) => `常見原因是${c}；這種情況下單純重試通常無效。`,
    after: (p) => `處理完成後觀察 ${p} 的日誌，確認錯誤不再出現。`,
    caution: '修改前請先備份相關設定，並在業務離峰時段操作。',
  },
  id: {
    title: (p, o, s) => `${o[0].toUpperCase()}${o.slice(1)} ${s} terkait ${p}`,
    summary: (o, s, c) => `Jika ${o} ${s}, penyebabnya sering kali ${c}. Pastikan gejalanya dulu, lalu periksa dan pulihkan dengan langkah di bawah.`,
    check: 'Langkah pemeriksaan', fix: 'Cara mengatasi', why: 'Analisis penyebab', note: 'Catatan',
    step: (o, cmd) => `Jalankan \`${cmd}\` di lingkungan yang bermasalah untuk melihat status ${o} saat ini dan event terbaru.`,
    cause: (c) => `Penyebab umumnya adalah ${c}; dalam kasus ini mencoba ulang saja biasanya tidak membantu.`,
    after: (p) => `Setelah selesai, pantau log ${p} dan pastikan galat tidak muncul lagi.`,
    caution: 'Cadangkan konfigurasi terkait sebelum mengubahnya, dan lakukan saat beban bisnis rendah.',
  },
  ja: {
    title: (p, o, s) => `${p} に関連して${o}が${s}`,
    summary: (o, s, c) => `${o}が${s}場合、多くは${c}ことが原因です。まず症状を確かめ、以下の手順で順に調べて復旧します。`,
    check: '確認手順', fix: '対処方法', why: '原因の分析', note: '注意',
    step: (o, cmd) => `問題が起きている環境で \`${cmd}\` を実行し、${o}の現在の状態と直近のイベントを確認します。`,
    cause: (c) => `よくある原因は${c}ことです。この場合、再試行だけではたいてい解決しません。`,
    after: (p) => `対処後は ${p} のログを観察し、エラーが再発しないことを確認します。`,
    caution: '変更前に関連する設定をバックアップし、業務の閑散時間帯に作業してください。',
  },
};
const locales = [['zh', 'zh'], ['zhTw', 'zh-TW'], ['id', 'id'], ['ja', 'ja']];

const syllables = ['ka', 'ro', 'mi', 'te', 'su', 'la', 'no', 'vi', 're', 'da', 'po', 'ze', 'xi', 'qu', 'bo', 'ne', 'tor', 'lex', 'mar', 'gen'];
const word = () => Array.from({ length: int(2, 4) }, () => pick(syllables)).join('');
const camel = () => word().replace(/^./, (c) => c.toUpperCase()) + word().replace(/^./, (c) => c.toUpperCase());
const verbs = ['failed to', 'unable to', 'timed out while trying to', 'error while', 'cannot'];
const actions = ['mount volume', 'pull image', 'attach disk', 'sync pod', 'update lease', 'create sandbox', 'reconcile service', 'allocate ip', 'renew certificate', 'watch endpoints'];
const errorLine = (p) => {
  const shapes = [
    () => `${p}: ${pick(verbs)} ${pick(actions)} "<NAME>": ${camel()}: ${word()} ${word()} not found`,
    () => `Error from server (${camel()}): ${pick(verbs)} ${pick(actions)} on <IP>:<PORT>: ${word()} refused`,
    () => `E<TIMESTAMP> ${p}[<NUMBER>]: ${pick(verbs)} ${pick(actions)}: rpc error: code = ${pick(['Unavailable', 'DeadlineExceeded', 'Internal', 'NotFound'])} desc = ${word()} ${word()}`,
    () => `Warning ${camel()} <NAME> ${pick(verbs)} ${pick(actions)}: ${word()}-${word()} quota exceeded (${camel()})`,
  ];
  return pick(shapes)();
};
const commands = (p) => [
  `kubectl describe pod <pod-name> -n ${word()}`,
  `kubectl get events -n kube-system --field-selector involvedObject.name=${p.toLowerCase().replace(/\s+/g, '-')}`,
  `journalctl -u ${pick(['kubelet', 'containerd'])} --since "${int(1, 59)} min ago"`,
  `kubectl logs -n kube-system deploy/${p.toLowerCase().replace(/\s+/g, '-')} --tail=${int(50, 500)}`,
  `systemctl status ${pick(['kubelet', 'containerd', 'chronyd'])}`,
  `kubectl get ${pick(['nodes', 'pvc', 'svc', 'ingress', 'configmap'])} -o wide`,
];
const concrete = (sig) => sig.replace('<NAME>', `${word()}-${int(1, 9)}`).replace('<IP>', `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`).replace('<PORT>', String(int(1024, 65535))).replace('<TIMESTAMP>', `${int(1, 12)}${String(int(1, 28)).padStart(2, '0')} 0${int(1, 9)}:${int(10, 59)}:${int(10, 59)}.${int(100000, 999999)}`).replace('<NUMBER>', String(int(100, 99999)));

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'entries'), { recursive: true });
for (const f of ['glossary.toml', 'high-risk-operations.toml', 'wizards.toml']) cpSync(join(root, f), join(out, f));
for (const id of shipped) cpSync(join(root, 'entries', id), join(out, 'entries', id), { recursive: true });

const made = [];
for (let n = 0; made.length < total - shipped.length; n++) {
  const id = `gen-${String(n).padStart(5, '0')}-${word()}`;
  const p = pick(products);
  const o = int(0, objects.zh.length - 1);
  const s = int(0, symptoms.zh.length - 1);
  const cs = some([...causes.zh.keys()], int(1, 3));
  const errors = Array.from({ length: int(0, 2) }, () => errorLine(p));
  const cmds = some(commands(p), int(2, 4));
  const related = some([...made.slice(-50), ...shipped.slice(0, 5)], int(0, 3));
  const tagsLatin = [p, camel(), `${word()}-${word()}`];
  const updated = `2026-${String(int(1, 11)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  mkdirSync(join(out, 'entries', id));
  for (const [key, code] of locales) {
    const t = say[key];
    const obj = objects[key][o];
    const sym = symptoms[key][s];
    const because = cs.map((c) => causes[key][c].replace('{p}', p));
    const q = (x) => JSON.stringify(x);
    const body = [
      t.summary(obj, sym, because[0]),
      errors.length ? `\n\`\`\`text\n${errors.map(concrete).join('\n')}\n\`\`\`` : '',
      `\n## ${t.why}\n`,
      because.map((c) => `- ${t.cause(c)}`).join('\n'),
      `\n## ${t.check}\n`,
      cmds.map((c, i) => `${i + 1}. ${t.step(obj, c)}`).join('\n'),
      `\n## ${t.fix}\n`,
      `${t.after(p)} ${t.caution}`,
      related.length ? `\n${related.map((r) => `- [${r}](entry:${r})`).join('\n')}` : '',
    ].join('\n');
    const front = [
      '+++',
      `id = ${q(id)}`,
      `title = ${q(t.title(p, obj, sym))}`,
      `summary = ${q(t.summary(obj, sym, because[0]))}`,
      `category = ${q(pick(categories))}`,
      `tags = ${q([obj, ...tagsLatin])}`,
      `synonyms = ${q([`${p} ${sym}`])}`,
      `errors = ${q(errors)}`,
      `related = ${q(related)}`,
      `updated = ${updated}`,
      `sources = ["generated"]`,
      '+++',
    ].join('\n');
    writeFileSync(join(out, 'entries', id, `${code}.md`), `${front}\n\n${body}\n`);
  }
  made.push(id);
}
console.log(`${out}: ${shipped.length} shipped and ${made.length} generated entries, in 4 locales`);
