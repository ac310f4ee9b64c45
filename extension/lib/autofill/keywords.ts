/**
 * Every word the autofill heuristics read, listed once, as data. Languages: English, Chinese (simplified and
 * traditional), Spanish, Portuguese, Indonesian, Vietnamese, Thai — the sellers' languages (issue 3).
 *
 * Each entry is one small regular expression for one language: shared stems are written once
 * (`verif(ication|y) ?code`, `c[oó]digo` with or without the accent people drop, `[验驗][证證][码碼]` for
 * simplified and traditional), because this list ships inside the injected autofill script and is most of its
 * size. Entries are written the way `normalizeText` leaves page text: lower case, `-`/`_`/`.` as spaces,
 * camelCase split ("otpCode" → "otp code"). Latin-script entries match on word boundaries ("pin" must not
 * match "shipping"), or as a prefix when the entry ends in `*` ("promo*" also matches "promocode"); Chinese
 * and Thai ones match anywhere, since those scripts have no spaces between words.
 * The fixture each odd entry exists for is named beside it.
 */

/**
 * Names a one-time code outright. A field whose own text has one of these is a code field even when it also
 * says "phone" ("code sent to your phone", Google 2SV) or "password" ("one-time password").
 */
export const OTP_STRONG: readonly string[] = [
  // English
  't?otp*', // otp, otpCode, otp_input, otp1, otpinput, totp
  'one time (code|passcode|password|pin)|2fa|mfa|2sv|two ?factor|(2|two) step|passcode',
  'verif(ication|y) ?code|(confirmation|authentication|login|sign in|email) code|auth ?code|authenticator|sms ?code',
  'code (we sent|sent to)|we sent (you )?a code',
  'enter the code', // google-two-step-verification: the only name of the field
  'digit code', // "Enter the 6-digit code": tiktok-shop-seller-login
  // Chinese (simplified, traditional)
  '[验驗][证證][码碼]|校[验驗][码碼]|[动動][态態]密?[码碼]|一次性密[码碼]|短信码',
  // Spanish
  'c[oó]digo de (verificaci|confirmaci)[oó]n|código (de un solo uso|otp|sms)|clave dinámica',
  'contraseña de un solo uso|verificación en dos pasos',
  // Portuguese
  'c[oó]digo de (verifica|confirma)[cç][aã]o|senha de uso único|verificação em duas etapas',
  // Indonesian
  'kode (verifikasi|otp|konfirmasi|sekali pakai)|verifikasi 2 langkah',
  // Vietnamese
  'mã (xác (minh|thực|nhận)|otp)|xác minh 2 bước',
  // Thai
  'รหัส((การ)?ยืนยัน| otp|(ผ่าน(แบบ)?(ใช้)?)?ครั้งเดียว)',
];

/**
 * Only hints at a code ("Enter code"): counts with numeric attributes or page context, never alone. "code"
 * also covers Google's "Enter the security code", which is a card's CVV elsewhere: card words deny it below.
 */
export const OTP_WEAK: readonly string[] = [
  'code|pin|token|verif(y|ication)|digits?',
  'c[oó]digo|verifica(r|ção|ción)|kode|verifikasi|mã|xác minh',
  '[码碼]|[验驗][证證]',
  'รหัส|ยืนยัน',
];

/**
 * Never a verification code, whatever else the field says ("gift card code", "promo code", "图形验证码" is an
 * image captcha, "recovery code" is GitHub's backup code form where a TOTP does not belong).
 */
export const DENY_HARD: readonly string[] = [
  // English
  '(promo|coupon|voucher|redeem|referral|post(al|code)|zip|cvv|cvc)*',
  '(discount|gift)*', // checkout-promo-code, gift-card-redeem
  'invit*', // referral-invitation-code
  'cardnumber*', // credit-card-cvc
  'search*', // help-center-search
  'captcha*', // image-captcha-english: id="captchacharacters"
  'birth*', // date-of-birth-boxes: KYC forms split DDMMYYYY into 8 one-digit boxes
  '(recovery|backup) code', // github-recovery-code
  'redemption|post code|(card|account) number|credit card|cc (num(ber)?|csc|exp)|csc|cvn|expir(y|ation)',
  'query|recaptcha|dob|date of birth|iban|routing|quantity|qty|amount',
  // Chinese
  '图[形片像]验证码|圖形驗證碼', // chinese-sms-login-with-captcha, chinese-image-captcha-only
  '[优優]惠|折扣|[兑兌][换換][码碼]|[礼禮]品卡|邀请码|推荐码|邮编|邮政编码|郵遞區號|搜[索尋]',
  '卡[号號]|信用卡|银行卡|有效期|出生日期',
  // Spanish
  'c[oó]digo (promocional|postal)|cup[oó]n|descuento|tarjeta de regalo|buscar|búsqueda|fecha de nacimiento',
  'n[uú]mero de tarjeta',
  // Portuguese
  'cupom|cupão|desconto|vale presente|cartão (de )?presente|pesquisar|data de nascimento|n[uú]mero do cart[aã]o',
  'cep', // portuguese-cep-address
  // Indonesian
  'kode (promo|pos)|kupon|diskon|kartu hadiah|cari|pencarian|tanggal lahir|nomor kartu',
  // Vietnamese ("mã giảm giá", "mã khuyến mãi": the discount words match on their own)
  'khuyến mãi|giảm giá|thẻ quà tặng|mã bưu (chính|điện)|tìm kiếm|ngày sinh|số thẻ',
  // Thai ("โค้ดส่วนลด", "รหัสส่วนลด": ส่วนลด is the discount itself)
  'ส่วนลด|คูปอง|บัตรของขวัญ|รหัสไปรษณีย์|ค้นหา|วันเกิด|หมายเลขบัตร|โปรโมชั่?น',
];

/**
 * Names another kind of field, but yields to an OTP_STRONG word in the same field: "Enter the code we sent to
 * your phone" is a code field, "Phone number" is not; "One-time password" is a code, "Password" is not.
 */
export const DENY_SOFT: readonly string[] = [
  'phone|mobile|tel(ephone)?|msisdn|passw(or)?d|pwd|e ?mail|user ?name|name|city|country|birthday',
  '手[机機]|[电電][话話]|密[码碼]|邮箱|用户名',
  'tel[eé]fono|celular|móvil|contraseña|correo|usuario', // Spanish
  'telefone|senha', // Portuguese
  'nomor (telepon|hp)|no hp|ponsel|sandi', // Indonesian ("kata sandi")
  'điện thoại|mật khẩu', // Vietnamese ("số điện thoại")
  'เบอร์โทร|โทรศัพท์|รหัสผ่าน', // Thai ("หมายเลขโทรศัพท์")
];

/** `autocomplete` tokens that name another field (WHATWG autofill field names), as one whole-token pattern. */
export const DENY_AUTOCOMPLETE =
  /^(tel(-national|-local|-country-code)?|email|username|(current|new)-password|postal-code|cc-(number|csc|exp(-month|-year)?|name)|street-address|address-line1|name)$/;

/** Button text that submits a code form. */
export const SUBMIT_WORDS: readonly string[] = [
  'verify|submit|confirm|continue|next|log ?in|sign in|done',
  'verificar|confirmar|enviar|continuar|entrar|verifikasi|konfirmasi|lanjut(kan)?|masuk',
  'xác (minh|nhận)|tiếp tục|đăng nhập',
  '[验驗][证證]|[确確][认認]|提交|下一步|登[录入]',
  'ยืนยัน|ต่อไป|ดำเนินการต่อ|เข้าสู่ระบบ',
];

/** Buttons next to a code field that must never be pressed as "submit". */
export const RESEND_WORDS: readonly string[] = [
  'resend|send (again|code)|get code|didn t get|reenviar|volver a enviar|kirim ulang|gửi lại',
  'ส่งอีกครั้ง|ส่งรหัสใหม่',
  '重新[发發]送|获取验证码',
];
