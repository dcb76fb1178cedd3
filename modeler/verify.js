// The page a certificate's QR code opens: is the certificate (or notice) genuine, valid, revoked?
const code = decodeURIComponent(window.location.pathname.split('/').pop() ?? '').toUpperCase();
const $ = (id) => document.getElementById(id);
$('code').textContent = code;

function line(label, value) {
  const p = document.createElement('p');
  p.textContent = `${label}：${value ?? '—'}`;
  return p;
}

async function check() {
  const [cert, doc] = await Promise.all([
    fetch(`/api/public/certificates/${encodeURIComponent(code)}`).then((r) => r.json()),
    fetch(`/api/public/documents/verify/${encodeURIComponent(code)}`).then((r) => r.json()),
  ]);
  const out = [];
  if (cert.genuine) {
    out.push(line('证照状态 Status', `${cert.statusName.zh} ${cert.statusName.en}`), line('证照名称', cert.title), line('证照编号', cert.number),
      line('持证人', cert.holder), line('有效期', `${cert.validFrom} 至 ${cert.validTo ?? '长期'}`));
  } else if (doc.genuine) {
    out.push(line('文书状态 Status', '真实有效 Genuine'), line('文书种类', doc.kindZh), line('出具日期', doc.issuedOn), line('SHA-256', doc.sha256));
  } else {
    out.push(line('核验结果 Result', '查无此证照或文书，可能是伪造的 · Not found: it may be forged'));
  }
  $('result').replaceChildren(...out);
}

check().catch(() => $('result').replaceChildren(line('核验结果', '查询失败，请稍后再试 · Try again later')));
