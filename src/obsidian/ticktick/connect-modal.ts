// "Connect TickTick": paste a personal access token, or sign in with OAuth (authorization code).
// On desktop a loopback listener catches the redirect; everywhere the redirect URL can be pasted.
// Secrets go to app.secretStorage only, never to data.json.

import { App, Modal, Notice, Setting } from "obsidian";
import {
  CLIENT_SECRET_SECRET,
  buildAuthorizeUrl,
  settingsService,
  codeFromRedirect,
  exchangeCode,
  newOAuthState,
  saveToken,
} from "../../core/ticktick";
import type DecpPlugin from "../../main";
import { guarded } from "../report-error";
import { obsidianHttp } from "./http-port";
import { LOOPBACK_REDIRECT, listenForRedirect, type RedirectListener } from "./loopback";
import { secretsOf } from "./secrets";

export class ConnectTickTickModal extends Modal {
  private state = "";
  private listener: RedirectListener | null = null;
  private pasted = "";
  private token = "";
  private clientSecret = "";

  constructor(
    app: App,
    private readonly plugin: DecpPlugin,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle("Connect TickTick");
    const { contentEl } = this;
    // Two ways to connect, either one is enough: a token you already have, or signing in.
    new Setting(contentEl)
      .setName("Use an access token")
      .setDesc("From the TickTick developer site; the quickest way if you have one.")
      .setHeading();
    new Setting(contentEl)
      .setName("Access token")
      .setDesc("A TickTick API token. It is kept in Obsidian's secret storage.")
      .addText((text) => {
        text.inputEl.type = "password";
        text.onChange((value) => (this.token = value.trim()));
      })
      .addButton((button) =>
        button
          .setButtonText("Save token")
          .setCta()
          .onClick(guarded(() => this.saveToken())),
      );
    contentEl.createDiv({ cls: "decp-or", text: "or" });
    new Setting(contentEl)
      .setName("Sign in with TickTick")
      .setDesc("With your own app from the TickTick developer site: its client ID and secret.")
      .setHeading();
    new Setting(contentEl)
      .setName("Client ID")
      .setDesc(`From developer.ticktick.com, with redirect URL ${LOOPBACK_REDIRECT}.`)
      .addText((text) =>
        text.setValue(this.plugin.settings.ticktick.oauthClientId).onChange(async (value) => {
          this.plugin.settings.ticktick.oauthClientId = value.trim();
          await this.plugin.saveSettings();
        }),
      );
    new Setting(contentEl).setName("Client secret").addText((text) => {
      text.inputEl.type = "password";
      text.onChange((value) => (this.clientSecret = value.trim()));
    });
    new Setting(contentEl).addButton((button) =>
      button.setButtonText("Open TickTick to sign in").onClick(guarded(() => this.startOAuth())),
    );
    new Setting(contentEl)
      .setName("Redirect URL")
      .setDesc("If nothing happens after you allow access, paste the address your browser ended on.")
      .addText((text) => text.onChange((value) => (this.pasted = value)))
      .addButton((button) => button.setButtonText("Finish sign-in").onClick(guarded(() => this.finish(this.pasted))));
  }

  override onClose(): void {
    this.listener?.close();
    this.contentEl.empty();
  }

  private async saveToken(): Promise<void> {
    if (!this.token) throw new Error("Paste a token first");
    await saveToken(secretsOf(this.app), this.token, this.plugin.settings.ticktick.tokenSecretId);
    new Notice("TickTick connected.");
    this.close();
  }

  private async startOAuth(): Promise<void> {
    const clientId = this.plugin.settings.ticktick.oauthClientId;
    if (!clientId) {
      new Notice("Enter the client ID first.");
      return;
    }
    if (this.clientSecret) await secretsOf(this.app).set(CLIENT_SECRET_SECRET, this.clientSecret);
    this.state = newOAuthState();
    this.listener?.close();
    this.listener = await listenForRedirect();
    const expected = this.state;
    void this.listener?.url.then((url) => (this.state === expected ? guarded(() => this.finish(url))() : undefined));
    const authorizeUrl = settingsService(this.plugin.settings.ticktick.apiBase).authorize;
    window.open(buildAuthorizeUrl({ clientId, redirectUri: LOOPBACK_REDIRECT, state: this.state, authorizeUrl }));
  }

  private async finish(redirectUrl: string): Promise<void> {
    const code = codeFromRedirect(redirectUrl, this.state);
    const secrets = secretsOf(this.app);
    const clientSecret = this.clientSecret || (await secrets.get(CLIENT_SECRET_SECRET)) || "";
    const token = await exchangeCode(obsidianHttp, {
      clientId: this.plugin.settings.ticktick.oauthClientId,
      clientSecret,
      code,
      redirectUri: LOOPBACK_REDIRECT,
      tokenUrl: settingsService(this.plugin.settings.ticktick.apiBase).token,
    });
    await saveToken(secrets, token, this.plugin.settings.ticktick.tokenSecretId);
    new Notice("TickTick connected.");
    this.close();
  }
}
