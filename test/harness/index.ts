export { ExtensionBrowser, EXTENSION_PATH, type LaunchOptions } from './browser.ts';
export { DemoPage, type DemoFlow, type DemoStatus, type RequestCodeOptions } from './demo-page.ts';
export { Popup, type PopupCode } from './popup.ts';
export { type RelayProcess, type StartRelayOptions, startRelay } from './relay-process.ts';
export { type FlowContext, useFlow } from './use-flow.ts';
