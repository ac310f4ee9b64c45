export { AuthenticatorPanel, type PanelCode } from './authenticator-panel.ts';
export { EXTENSION_PATH, ExtensionBrowser, type LaunchOptions } from './browser.ts';
export { type DemoFlow, DemoPage, type DemoStatus, type RequestCodeOptions } from './demo-page.ts';
export { serveHttpsProxy } from './https-proxy.ts';
export { type HttpsSite, httpsSiteArgs, serveHttpsSite } from './https-site.ts';
export { type Download, OptionsPage } from './options-page.ts';
export { Popup, type PopupCode } from './popup.ts';
export { type RelayProcess, type StartRelayOptions, startRelay } from './relay-process.ts';
export { type FlowContext, useFlow } from './use-flow.ts';
