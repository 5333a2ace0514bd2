/**
 * Every `data-testid` of the popup and the approval window. The components and all three sets of
 * page objects (tests/e2e/support, tests/firefox/support, bench/pages.ts) take the ids from here,
 * so renaming or removing one is a compile error wherever it is used. Plain data: no React, no
 * extension APIs, so Node-side test code imports it as it is.
 */
export const testIds = {
  // Pairing panel (popup and approval window)
  connectionStatus: 'connection-status',
  connectionPhase: 'connection-phase',
  walletAddress: 'wallet-address',
  copyAddress: 'copy-address',
  failure: 'failure',
  pairingQr: 'pairing-qr',
  pairingLink: 'pairing-link',
  copyLink: 'copy-link',
  pairingCountdown: 'pairing-countdown',
  pair: 'pair',
  retry: 'retry',
  cancelPairing: 'cancel-pairing',
  verification: 'pairing-verification',
  verifyAgain: 'verify-again',
  chooseWallet: 'choose-wallet',

  // Popup home: several phones (PhonesList)
  phonesList: 'phones-list',
  phoneRow: 'phone-row',
  phoneName: 'phone-name',
  phoneLink: 'phone-link',
  copyPhoneLink: 'copy-phone-link',
  phoneRetry: 'phone-retry',
  phoneUnpair: 'phone-unpair',
  phoneUnpairConfirm: 'phone-unpair-confirm',
  phoneUnpairCancel: 'phone-unpair-cancel',
  pairAnother: 'pair-another',
  pairingLimit: 'pairing-limit',

  // Pairing: the wallet step before the QR
  walletStep: 'wallet-step',
  walletOption: 'wallet-option',
  otherServer: 'other-server',
  walletMessage: 'wallet-message',
  walletCancel: 'wallet-cancel',
  walletContinue: 'wallet-continue',

  // Popup home: settings, connected sites, blocked sites
  toggleSettings: 'toggle-settings',
  serverUrl: 'server-url',
  iceServers: 'ice-servers',
  localnetHash: 'localnet-hash',
  saveSettings: 'save-settings',
  unpair: 'unpair',
  settingsMessage: 'settings-message',
  pairingServer: 'pairing-server',
  walletList: 'wallet-list',
  customWallet: 'custom-wallet',
  customWalletName: 'custom-wallet-name',
  customWalletServer: 'custom-wallet-server',
  removeWallet: 'remove-wallet',
  addWallet: 'add-wallet',
  saveWallets: 'save-wallets',
  walletListMessage: 'wallet-list-message',
  noSites: 'no-sites',
  site: 'site',
  revoke: 'revoke',
  blockedSites: 'blocked-sites',
  blockedSite: 'blocked-site',
  unblock: 'unblock',

  // Approval window: the prompts and their actions
  pendingCount: 'pending-count',
  rejectAll: 'reject-all',
  approvalError: 'approval-error',
  noRequests: 'no-requests',
  connectPrompt: 'connect-prompt',
  signPrompt: 'sign-prompt',
  promptOrigin: 'prompt-origin',
  promptEmbedded: 'prompt-embedded',
  plainHttp: 'plain-http',
  promptNetwork: 'prompt-network',
  signTotals: 'sign-totals',
  confirmOnPhone: 'confirm-on-phone',
  // A request signed by several phones: each phone's part (LegProgress)
  legProgress: 'leg-progress',
  legStep: 'leg-step',
  requestError: 'request-error',
  requestDeadline: 'request-deadline',
  cancelRequest: 'cancel-request',
  requestChanged: 'request-changed',
  approve: 'approve',
  reject: 'reject',
  blockSite: 'block-site',
  warnings: 'warnings',
  warning: 'warning',
  txnList: 'txn-list',
  txn: 'txn',
  txnTitle: 'txn-title',
  noteAsHex: 'note-as-hex',
  txnBadge: 'txn-badge',
  warningSummary: 'warning-summary',
  // Data-signing prompt (signData, sign_message)
  dataPrompt: 'data-prompt',
  domainCheck: 'domain-check',
  dataSigner: 'data-signer',
  signedData: 'signed-data',
  foldedValue: 'folded-value',
  dataUse: 'data-use',

  txnAmount: 'txn-amount',
  txnMark: 'txn-mark',

  // Sending to the network (PostPrompt; SignPrompt for sign_and_post_transactions)
  postPrompt: 'post-prompt',
  postTarget: 'post-target',
  postUnchecked: 'post-unchecked',
  posting: 'posting',

  // Approval window: what the network says (NetworkFacts)
  networkFacts: 'network-facts',
  factsBalance: 'facts-balance',
  factsRekeyed: 'facts-rekeyed',
  factsCheckWith: 'facts-check-with',
  simulation: 'simulation',
  simulationFailure: 'simulation-failure',
  simulatedChange: 'simulated-change',
  innerTxn: 'inner-txn',

  // Popup home: balances (AccountBalances)
  accountBalances: 'account-balances',
  accountBalance: 'account-balance',
  accountHolding: 'account-holding',

  // Popup home: accounts (AccountsList) and each site's accounts (SitesList)
  accountsList: 'accounts-list',
  account: 'account',
  accountName: 'account-name',
  accountHolder: 'account-holder',
  accountCheck: 'account-check',
  renameAccount: 'rename-account',
  accountNameInput: 'account-name-input',
  saveAccountName: 'save-account-name',
  addAccountInput: 'add-account-input',
  addAccount: 'add-account',
  accountsMessage: 'accounts-message',
  siteAccounts: 'site-accounts',
  editSiteAccounts: 'edit-site-accounts',
  saveSiteAccounts: 'save-site-accounts',
  // Connect prompt: the accounts chooser
  accountChoice: 'account-choice',

  // Settings: the network (NetworkSettings)
  networkReads: 'network-reads',
  algodUrl: 'algod-url',
  algodTokenHeader: 'algod-token-header',
  algodToken: 'algod-token',
  saveNetwork: 'save-network',
  networkMessage: 'network-message',
} as const;

export type TestId = (typeof testIds)[keyof typeof testIds];
