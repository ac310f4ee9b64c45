/**
 * Every word the autofill heuristics read, listed once, as data: English here (it ships inside the injected
 * autofill script, but for the button lists: ENGLISH_BUTTONS), the sellers' other languages in language-keywords.ts (each injected beside it only into a
 * page in that language; see page-languages.ts). Issue 14: the seven languages together were two thirds of the
 * injected script.
 *
 * Each entry is one small regular expression. Entries are written the way `normalizeText` leaves page text:
 * lower case, `-`/`_`/`.` as spaces, camelCase split ("otpCode" → "otp code"). Latin-script entries match on
 * word boundaries ("pin" must not match "shipping"), or as a prefix when the entry ends in `*` ("promo*" also
 * matches "promocode"); Chinese and Thai ones match anywhere, since those scripts have no spaces between words.
 * The fixture each odd entry exists for is named beside it.
 */
export interface KeywordSet {
  /**
   * Names a one-time code outright. A field whose own text has one of these is a code field even when it also
   * says "phone" ("code sent to your phone", Google 2SV) or "password" ("one-time password").
   */
  strong: readonly string[];
  /**
   * Only hints at a code ("Enter code"): counts with numeric attributes or page context, never alone. "code"
   * also covers Google's "Enter the security code", which is a card's CVV elsewhere: card words deny it.
   */
  weak: readonly string[];
  /**
   * Never a verification code, whatever else the field says ("gift card code", "promo code", "图形验证码" is an
   * image captcha, "recovery code" is GitHub's backup code form where a TOTP does not belong).
   */
  denyHard: readonly string[];
  /**
   * Names another kind of field, but yields to a strong word in the same field: "Enter the code we sent to
   * your phone" is a code field, "Phone number" is not; "One-time password" is a code, "Password" is not.
   */
  denySoft: readonly string[];
  /** Button text that submits a code form. */
  submit: readonly string[];
  /** Buttons next to a code field that must never be pressed as "submit". */
  resend: readonly string[];
}

export const ENGLISH: KeywordSet = {
  strong: [
    't?otp*', // otp, otpCode, otp_input, otp1, otpinput, totp
    // Words, as one entry (folded into one string by the build, as below).
    [
      'one time (code|passcode|password|pin)|2fa|mfa|2sv|two ?factor|(2|two) step|passcode',
      'verif(ication|y) ?code|(confirmation|authentication|login|sign in|email) code|auth ?code|authenticator|sms ?code',
      'code (we sent|sent to)|we sent (you )?a code',
      'enter the code', // google-two-step-verification: the only name of the field
      'digit code', // "Enter the 6-digit code": tiktok-shop-seller-login
    ].join('|'),
  ],
  weak: ['code|pin|token|verif(y|ication)|digits?'],
  denyHard: [
    // Prefixes, as one entry (the build folds the join into one string: fewer bytes in autofill.js).
    `(${[
      'promo', // checkout-promo-code
      'coupon', // coupon-code-before-sms-step: a 6-digit numeric coupon box on a page about verification codes
      'voucher|redeem|referral|post(al|code)|zip|cvv|cvc',
      'discount|gift', // checkout-promo-code, gift-card-redeem
      'invit', // referral-invitation-code
      'cardnumber', // credit-card-cvc
      'search', // help-center-search
      'captcha', // image-captcha-english: id="captchacharacters"
      'birth', // date-of-birth-boxes: KYC forms split DDMMYYYY into 8 one-digit boxes
    ].join('|')})*`,
    // Words, as one entry.
    [
      '(recovery|backup) code', // github-recovery-code
      'redemption|post code|(card|account) number|credit card|cc (num(ber)?|csc|exp)|csc|cvn|expir(y|ation)',
      'query|recaptcha|dob|date of birth|iban|routing|quantity|qty|amount',
    ].join('|'),
  ],
  denySoft: ['phone|mobile|tel(ephone)?|msisdn|passw(or)?d|pwd|e ?mail|user ?name|name|city|country|birthday'],
  // The button lists are ENGLISH_BUTTONS: only submit-after-fill reads them, and it brings them.
  submit: [],
  resend: [],
};

/**
 * The English button lists, shipped with submit-after-fill (entrypoints/autofill-submit.ts registers them as a
 * pack when it is injected), not in autofill.js: only that part reads them.
 */
export const ENGLISH_BUTTONS = {
  submit: ['verify|submit|confirm|continue|next|log ?in|sign in|done'],
  resend: ['resend|send (again|code)|get code|didn t get'],
} satisfies Partial<KeywordSet>;

/** `autocomplete` tokens that name another field (WHATWG autofill field names), as one whole-token pattern. */
export const DENY_AUTOCOMPLETE =
  /^(tel(-national|-local|-country-code)?|email|username|(current|new)-password|postal-code|cc-(number|csc|exp(-month|-year)?|name)|street-address|address-line1|name)$/;
