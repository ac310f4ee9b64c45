/**
 * Every word the autofill heuristics read, listed once, as data. Languages: English, Chinese (simplified and
 * traditional), Spanish, Portuguese, Indonesian, Vietnamese, Thai — the sellers' languages (issue 3).
 * Keywords are written the way `normalizeText` leaves page text: lower case, `-`/`_`/`.` as spaces, camelCase
 * split ("otpCode" → "otp code"). Latin-script words match on word boundaries ("pin" must not match
 * "shipping"), or as a prefix when written with a trailing `*` ("promo*" also matches "promocode"); CJK and
 * Thai ones match anywhere, since those scripts have no spaces between words.
 * The fixture each odd entry exists for is named beside it.
 */

/**
 * Names a one-time code outright. A field whose own text has one of these is a code field even when it also
 * says "phone" ("code sent to your phone", Google 2SV) or "password" ("one-time password").
 */
export const OTP_STRONG: readonly string[] = [
  // English
  'one time code',
  'one time passcode',
  'one time password',
  'one time pin',
  'otp*', // otp, otpCode, otp_input, otp1, otpinput
  'totp*',
  '2fa',
  'mfa',
  '2sv',
  'two factor',
  'twofactor',
  '2 step',
  'two step',
  'verification code',
  'verificationcode',
  'verify code',
  'verifycode',
  'confirmation code',
  'authentication code',
  'authenticator',
  'auth code',
  'authcode',
  'sms code',
  'smscode',
  'email code',
  'login code',
  'sign in code',
  'passcode',
  'code we sent',
  'code sent to',
  'we sent a code',
  'we sent you a code',
  'enter the code', // google-two-step-verification: the only name of the field
  'digit code', // "Enter the 6-digit code": tiktok-shop-seller-login
  // Chinese (simplified, traditional)
  '验证码',
  '驗證碼',
  '校验码',
  '校驗碼',
  '动态码',
  '动态密码',
  '動態密碼',
  '一次性密码',
  '一次性密碼',
  '短信码',
  // Spanish
  'código de verificación',
  'codigo de verificacion',
  'código de confirmación',
  'codigo de confirmacion',
  'código de un solo uso',
  'código otp',
  'código sms',
  'clave dinámica',
  'contraseña de un solo uso',
  'verificación en dos pasos',
  // Portuguese
  'código de verificação',
  'codigo de verificacao',
  'código de confirmação',
  'codigo de confirmacao',
  'senha de uso único',
  'verificação em duas etapas',
  // Indonesian
  'kode verifikasi',
  'kode otp',
  'kode konfirmasi',
  'kode sekali pakai',
  'verifikasi 2 langkah',
  // Vietnamese
  'mã xác minh',
  'mã xác thực',
  'mã xác nhận',
  'mã otp',
  'xác minh 2 bước',
  // Thai
  'รหัสยืนยัน',
  'รหัส otp',
  'รหัสผ่านครั้งเดียว',
  'รหัสผ่านแบบใช้ครั้งเดียว',
  'รหัสผ่านใช้ครั้งเดียว',
  'รหัสครั้งเดียว',
  'รหัสการยืนยัน',
];

/** Only hints at a code ("Enter code"): counts with numeric attributes or page context, never alone. */
export const OTP_WEAK: readonly string[] = [
  'code',
  'pin',
  'token',
  'verify',
  'verification',
  'security code', // Google "Enter the security code", but also a card's CVV: card words deny it below
  'digit',
  'digits',
  '码',
  '碼',
  '验证',
  '驗證',
  'código',
  'codigo',
  'verificar',
  'verificação',
  'verificación',
  'kode',
  'verifikasi',
  'mã',
  'xác minh',
  'รหัส',
  'ยืนยัน',
];

/**
 * Never a verification code, whatever else the field says ("gift card code", "promo code", "图形验证码" is an
 * image captcha, "recovery code" is GitHub's backup code form where a TOTP does not belong).
 */
export const DENY_HARD: readonly string[] = [
  // English
  'promo*',
  'coupon*',
  'voucher*',
  'discount*', // checkout-promo-code
  'gift*', // gift-card-redeem
  'redeem*',
  'redemption',
  'referral*',
  'invit*', // referral-invitation-code
  'postal*',
  'postcode*',
  'post code',
  'zip*',
  'card number',
  'cardnumber*', // credit-card-cvc
  'credit card',
  'cc number',
  'cc num',
  'cc csc',
  'cc exp',
  'cvv*',
  'cvc*',
  'csc',
  'cvn',
  'expiry',
  'expiration',
  'search*', // help-center-search
  'query',
  'captcha*', // image-captcha-english: id="captchacharacters"
  'recaptcha',
  'recovery code', // github-recovery-code
  'backup code',
  'birth*', // date-of-birth-boxes: KYC forms split DDMMYYYY into 8 one-digit boxes
  'dob',
  'date of birth',
  'iban',
  'routing',
  'account number',
  'quantity',
  'qty',
  'amount',
  // Chinese
  '图形验证码', // chinese-sms-login-with-captcha, chinese-image-captcha-only
  '图片验证码',
  '图像验证码',
  '圖形驗證碼',
  '优惠',
  '優惠',
  '折扣',
  '兑换码',
  '兌換碼',
  '礼品卡',
  '禮品卡',
  '邀请码',
  '推荐码',
  '邮编',
  '邮政编码',
  '郵遞區號',
  '搜索',
  '搜尋',
  '卡号',
  '卡號',
  '信用卡',
  '银行卡',
  '有效期',
  '出生日期',
  // Spanish
  'código promocional',
  'codigo promocional',
  'cupón',
  'cupon',
  'descuento',
  'tarjeta de regalo',
  'código postal',
  'codigo postal',
  'buscar',
  'búsqueda',
  'fecha de nacimiento',
  'número de tarjeta',
  'numero de tarjeta',
  // Portuguese
  'cupom',
  'cupão',
  'desconto',
  'vale presente',
  'cartão presente',
  'cartão de presente',
  'cep', // portuguese-cep-address
  'pesquisar',
  'data de nascimento',
  'número do cartão',
  'numero do cartao',
  // Indonesian
  'kode promo',
  'kupon',
  'diskon',
  'kartu hadiah',
  'kode pos',
  'cari',
  'pencarian',
  'tanggal lahir',
  'nomor kartu',
  // Vietnamese
  'mã giảm giá',
  'mã khuyến mãi',
  'khuyến mãi',
  'giảm giá',
  'thẻ quà tặng',
  'mã bưu chính',
  'mã bưu điện',
  'tìm kiếm',
  'ngày sinh',
  'số thẻ',
  // Thai
  'โค้ดส่วนลด',
  'รหัสส่วนลด',
  'ส่วนลด',
  'คูปอง',
  'บัตรของขวัญ',
  'รหัสไปรษณีย์',
  'ค้นหา',
  'วันเกิด',
  'หมายเลขบัตร',
  'โปรโมชั่น',
  'โปรโมชัน',
];

/**
 * Names another kind of field, but yields to an OTP_STRONG word in the same field: "Enter the code we sent to
 * your phone" is a code field, "Phone number" is not; "One-time password" is a code, "Password" is not.
 */
export const DENY_SOFT: readonly string[] = [
  // English
  'phone',
  'mobile',
  'tel',
  'telephone',
  'msisdn',
  'password',
  'passwd',
  'pwd',
  'email',
  'e mail',
  'username',
  'user name',
  'name',
  'city',
  'country',
  'birthday',
  // Chinese
  '手机',
  '手機',
  '电话',
  '電話',
  '密码',
  '密碼',
  '邮箱',
  '用户名',
  // Spanish
  'teléfono',
  'telefono',
  'celular',
  'móvil',
  'contraseña',
  'correo',
  'usuario',
  // Portuguese
  'telefone',
  'senha',
  // Indonesian
  'nomor telepon',
  'nomor hp',
  'no hp',
  'ponsel',
  'kata sandi',
  'sandi',
  // Vietnamese
  'số điện thoại',
  'điện thoại',
  'mật khẩu',
  // Thai
  'เบอร์โทร',
  'หมายเลขโทรศัพท์',
  'โทรศัพท์',
  'รหัสผ่าน',
];

/** `autocomplete` tokens that name another field (WHATWG autofill field names). */
export const DENY_AUTOCOMPLETE: readonly string[] = [
  'tel',
  'tel-national',
  'tel-local',
  'tel-country-code',
  'email',
  'username',
  'current-password',
  'new-password',
  'postal-code',
  'cc-number',
  'cc-csc',
  'cc-exp',
  'cc-exp-month',
  'cc-exp-year',
  'cc-name',
  'street-address',
  'address-line1',
  'name',
];

/** Button text that submits a code form. */
export const SUBMIT_WORDS: readonly string[] = [
  'verify',
  'submit',
  'confirm',
  'continue',
  'next',
  'log in',
  'login',
  'sign in',
  'done',
  '验证',
  '驗證',
  '确认',
  '確認',
  '提交',
  '下一步',
  '登录',
  '登入',
  'verificar',
  'confirmar',
  'enviar',
  'continuar',
  'entrar',
  'verifikasi',
  'konfirmasi',
  'lanjut',
  'lanjutkan',
  'masuk',
  'xác minh',
  'xác nhận',
  'tiếp tục',
  'đăng nhập',
  'ยืนยัน',
  'ต่อไป',
  'ดำเนินการต่อ',
  'เข้าสู่ระบบ',
];

/** Buttons next to a code field that must never be pressed as "submit". */
export const RESEND_WORDS: readonly string[] = [
  'resend',
  'send again',
  'send code',
  'get code',
  'didn t get',
  'reenviar',
  'volver a enviar',
  'reenviar código',
  'kirim ulang',
  'gửi lại',
  'ส่งอีกครั้ง',
  'ส่งรหัสใหม่',
  '重新发送',
  '重新發送',
  '获取验证码',
];
