import type zhCN from './zh-CN.ts';

/** English: the second language; same keys as zh-CN.ts (the type checker holds them in step). */
const en: typeof zhCN = {
  app: { name: 'OneWindow' },
  common: { yes: 'Yes', no: 'No', cancel: 'Cancel', save: 'Save', search: 'Search', refresh: 'Refresh', actions: 'Actions', none: 'None' },
  menu: {
    label: 'Main menu', breadcrumb: 'You are here', home: 'Home',
    group: { work: 'Work', admin: 'Administration' },
    desk: 'Front desk', issuing: 'Issuing window', cases: 'Cases',
    matters: 'Matters', delegations: 'Delegations', users: 'Users and roles', calendar: 'Working calendar',
  },
  header: { department: 'Department', window: 'Window', signOut: 'Sign out' },
  home: { welcome: 'Hello, {name}', nothing: 'This account has no work to do here.' },
  signIn: { title: 'Staff sign-in', username: 'Username', password: 'Password', submit: 'Sign in' },
  reauth: { title: 'Session expired', why: 'Your session has expired. Enter your password again; what you were typing is kept.', submit: 'Sign in again' },
  forbidden: { title: 'Not allowed', detail: 'Your account may not open this page.' },
  notFound: { title: 'No such page' },
  due: { left: '{n} working days left', overdue: '{n} working days overdue', used: '{n} working days used' },
  desk: {
    search: 'Find a matter', searchHint: 'Name, code or pinyin initials (e.g. jzgcsgxk)', results: 'Results', found: '{n} found',
    pickFirst: 'Pick a matter on the left first', applicant: 'Applicant', applicantKind: 'Applicant type', person: 'Person', organisation: 'Organisation',
    applicantName: 'Applicant name', idNumber: 'ID number', uscc: 'Unified social credit code', checkOk: 'check character correct',
    contactName: 'Contact', phone: 'Phone', materials: 'Materials', tickAll: 'All received', untickAll: 'Clear all',
    provided: 'Received', material: 'Material', counts: 'Copies', flags: 'Requirements',
    originals: '{n} original', copies: '{n} copies', required: 'Required', pendingAllowed: 'May be pending', sharing: 'Obtainable by sharing',
    outcome: 'Decision', pendingHint: 'Pending: {list}. To be supplied within the promised limit.', commitmentSigner: 'Signed by',
    correctionHint: 'Everything to supplement, at once:', correctionDefault: 'Not submitted', refusalReasons: 'Reasons (one per line)',
    competentBody: 'Competent body (when not ours)', receiveOnlyHint: 'Receive now, decide within 5 working days (Administrative Licensing Law art. 32).',
    submit: 'Submit and issue the notice', clear: 'Clear', fixFields: 'Please correct',
  },
  outcome: {
    accept: 'Accept', acceptWithPendingMaterials: 'Accept with pending materials', acceptOnCommitment: 'Accept on commitment', requestCorrection: 'Request correction (one notice)',
    refuse: 'Refuse', receiveOnly: 'Receive now, decide within 5 working days',
  },
  field: { body: { applicant: { name: 'Applicant name', idNumber: 'ID number', uscc: 'Credit code' }, contact: { name: 'Contact', phone: 'Phone' }, materials: 'Materials', decision: { outcome: 'Decision', reasons: 'Reasons', items: 'Corrections' }, trackingNumber: 'Tracking number', recipientName: 'Recipient', electronicAddress: 'Electronic address' } },
  guide: {
    title: 'Service guide', code: 'Code', type: 'Type', basis: 'Basis and notes', basisNone: 'See the catalogue', legalLimit: 'Statutory limit',
    promised: 'Promised limit', workingDays: '{n} working days', fee: 'Fee', charged: 'Charged', free: 'Free', departments: 'Departments',
    result: 'Result', commitment: 'Commitment system',
  },
  receipt: {
    title: 'Receipt', caseNumber: 'Case number', progressCode: 'The applicant follows progress with the case number and the phone’s last four digits ({digits})',
    due: 'Promised by', pendingBy: 'Pending materials ({list}) due', casePage: 'Open the case', next: 'Next applicant',
  },
  doc: { title: 'Document', code: 'Verification code', print: 'Print', open: 'Open in a new window' },
  issuing: {
    ready: '{n} waiting for pickup', none: 'Nothing waiting', readySince: 'Ready since', deadline: 'Issue by (10 working days)', pick: 'Pick a case on the left',
    method: 'Manner of service', inPerson: 'Collected at the window', post: 'By post', recipient: 'Recipient', collectorId: 'Collector’s ID number',
    idNeeded: 'Check the collector’s ID card', idInvalid: 'Invalid ID number (check digit)', idMismatch: 'Not the applicant’s ID and not the applicant: check the power of attorney', idOk: 'Identity checked',
    electronic: 'Electronic service', electronicAddress: 'Consented electronic address', electronicAddressHint: 'Email or 政务服务网 account',
    tracking: 'Tracking number', submit: 'Hand over', receipt: 'Proof of service', served: 'Document served', servedBy: 'Served by', signature: 'Recipient’s signature',
  },
  delegations: {
    sealToday: 'Who may use the approval seal today', holders: 'Holders', until: 'Valid until', nobody: 'Nobody holds the seal power today', all: 'Delegations',
    grant: 'Grant', grantee: 'Grantee', powers: 'Powers', scope: 'Matters', allMatters: 'All the department’s matters', someMatters: 'Chosen matters',
    validity: 'Valid', from: 'From', to: 'To', revoke: 'Revoke', revokeWhy: 'Why is it revoked?', revoked: 'Revoked', active: 'In force', inactive: 'Not in force',
  },
  matterEdit: {
    edit: 'Edit', title: 'Edit matter: {name}', workingDays: 'working days', processId: 'Process id', version: 'Process version', latest: 'latest',
    originals: 'Originals', copies: 'Copies', materialName: 'Name of material {n}', originalsOf: 'Originals of material {n}', copiesOf: 'Copies of material {n}',
    requiredOf: 'Material {n} is required', pendingOf: 'Material {n} may be pending', remove: 'Remove', addMaterial: 'Add a material', required: 'Required', saved: 'Saved: {name}',
  },
  userEdit: {
    create: 'New user', username: 'Username', password: 'Initial password', passwordHint: 'at least 12 characters', roles: 'Roles', submit: 'Create', created: 'User created: {name}',
    deactivate: 'Deactivate', activate: 'Activate', saveRoles: 'Save roles', changed: 'Updated: {name}',
  },
  admin: {
    process: 'Process', name: 'Name', roles: 'Roles', activeUser: 'Active', inactiveUser: 'Inactive', date: 'Date', kind: 'Kind',
    holiday: 'Day off', workday: 'Working day', source: 'Source document',
  },
  progress: {
    matter: 'Matter', applicant: 'Applicant', badNumber: 'A case number reads ZW + 8-digit date + - + number', badDigits: 'Enter the last four digits of the phone', 
    title: 'Case progress', caseNumber: 'Case number', phoneLast4: 'Last 4 phone digits', submit: 'Look up', status: 'Status', step: 'Current step',
    received: 'Received', accepted: 'Accepted', due: 'Promised by', timeline: 'History',
  },
  verify: { status: 'Status', name: 'Title', kind: 'Kind', issuedOn: 'Issued on', noEnd: 'no end', badCode: 'A code has 10 letters and digits', title: 'Verify a certificate', code: 'Verification code', submit: 'Verify', genuine: 'Genuine', forged: 'No such certificate', number: 'Number', holder: 'Holder', valid: 'Valid' },
  cases: { status: 'Status' },
  caseStatus: { received: 'Received', correctionRequested: 'Awaiting correction', accepted: 'Accepted', refused: 'Not accepted', terminated: 'Terminated', completed: 'Completed' },
  timeline: {
    received: 'Received', receivedForReview: 'Under review', accepted: 'Accepted', acceptedWithPendingMaterials: 'Accepted, materials pending', acceptedOnCommitment: 'Accepted on commitment',
    deemedAccepted: 'Deemed accepted', correctionRequested: 'Correction requested', correctionSupplied: 'Corrections supplied', pendingMaterialsSupplied: 'Some pending materials supplied',
    pendingMaterialsComplete: 'Pending materials complete', refused: 'Not accepted', terminated: 'Terminated', processStarted: 'Dispatched to the back office', taskCreated: 'Step started',
    taskCompleted: 'Step completed', completed: 'Completed', noticeIssued: 'Document issued', processMigrated: 'Moved to a new process version',
  },
  case: { title: 'Case', unclaimed: 'unclaimed ({groups})', day: 'working day {n}', documents: 'Documents' },
};
export default en;
