import { type CorpusCase, minutes, sms } from './corpus-case.ts';

/** Spanish, Portuguese, French and German SMS. */
export const ROMANCE_GERMANIC: CorpusCase[] = [
  // Spanish
  sms(
    'es · TikTok',
    'TikTok',
    '[TikTok] 482913 es tu código de verificación, válido durante 5 minutos. Para mantener tu cuenta segura, no reenvíes este código.',
    { code: '482913', site: 'tiktok.com', ttlMs: minutes(5) },
  ),
  sms(
    'es · Mercado Libre',
    'MercadoLibre',
    'Mercado Libre: Tu código de verificación es 482913. No lo compartas con nadie.',
    {
      code: '482913',
      site: 'mercadolibre.com',
    },
  ),
  sms(
    'es · WhatsApp',
    'WhatsApp',
    '<#> Tu código de WhatsApp: 482-913\nNo compartas este código con nadie\n4sgLq1p5sV6',
    { code: '482913' },
  ),
  sms('es · Amazon', 'Amazon', '482913 es tu código OTP de Amazon. No lo compartas con nadie.', {
    code: '482913',
    site: 'amazon.com',
  }),
  sms(
    'es · BBVA clave with phone number',
    'BBVA',
    'BBVA: La clave para confirmar tu operación es 48291365. No la compartas. Si no la reconoces llama al 800 226 2663.',
    { code: '48291365' },
  ),
  sms('es · Shopee', 'Shopee', 'Shopee: Tu código de verificación es 482913. Válido por 15 minutos.', {
    code: '482913',
    site: 'shopee.com',
    ttlMs: minutes(15),
  }),
  sms('es · Rappi', 'Rappi', 'Tu código de acceso a Rappi es: 4829', { code: '4829' }),
  sms('es · Uber, expira', 'Uber', 'Tu código de Uber es 4829. Expira en 10 minutos. No lo compartas.', {
    code: '4829',
    ttlMs: minutes(10),
  }),
  sms('es ✗ pedido', 'MercadoLibre', 'Tu pedido #2000048291 ha sido enviado. Llega el jueves.', {
    code: null,
    site: 'mercadolibre.com',
  }),
  sms('es ✗ pago con tarjeta', 'BBVA', 'Pagaste $1.482,91 con tu tarjeta terminada en 4421.', { code: null }),
  sms('es ✗ código promocional', 'Rappi', 'Usa el código promocional VERANO20 y obtén 20% de descuento.', {
    code: null,
  }),
  sms('es ✗ entrega fecha y hora', 'DHL', 'Tu paquete llegará el 12/03/2026 entre 14:00 y 18:00.', { code: null }),
  sms('es ✗ código postal', 'Amazon', 'Tu código postal 06600 fue registrado correctamente.', {
    code: null,
    site: 'amazon.com',
  }),

  // Portuguese (Brazil)
  sms(
    'pt · TikTok',
    'TikTok',
    '[TikTok] 482913 é o seu código de verificação, válido por 5 minutos. Para manter sua conta segura, não encaminhe este código.',
    { code: '482913', site: 'tiktok.com', ttlMs: minutes(5) },
  ),
  sms(
    'pt · Mercado Livre',
    'MercadoLivre',
    'Mercado Livre: 482913 é o seu código de segurança. Não compartilhe com ninguém.',
    {
      code: '482913',
      site: 'mercadolivre.com.br',
    },
  ),
  sms('pt · iFood', 'iFood', 'Seu código iFood é 4829. Não compartilhe.', { code: '4829' }),
  sms('pt · Nubank', 'Nubank', 'Nubank: seu código de verificação é 482913. Não compartilhe esse código com ninguém.', {
    code: '482913',
  }),
  sms('pt · Shopee', 'Shopee', 'Shopee: Seu código de verificação é 482913. Válido por 15 minutos. Não compartilhe.', {
    code: '482913',
    site: 'shopee.com',
    ttlMs: minutes(15),
  }),
  sms('pt · senha', 'Itau', 'Itaú: sua senha de uso único é 482913. Expira em 3 minutos.', {
    code: '482913',
    ttlMs: minutes(3),
  }),
  sms('pt ✗ rastreamento', 'Correios', 'Seu pedido 1234567890 foi enviado! Código de rastreamento: BR482913274BR', {
    code: null,
  }),
  sms('pt ✗ Pix recebido', 'Nubank', 'Pix de R$ 1.482,91 recebido de Maria.', { code: null }),
  sms('pt ✗ cupom', 'iFood', 'Use o cupom FRETE10 e ganhe 10% de desconto no iFood!', { code: null }),
  sms('pt ✗ fatura', 'Nubank', 'Sua fatura de R$ 250,00 vence em 10/12.', { code: null }),
  sms('pt ✗ CEP', 'Correios', 'CEP 01310-100 atualizado no seu cadastro.', { code: null }),

  // French
  sms('fr · TikTok', 'TikTok', 'Votre code de vérification TikTok est 482913. Il est valable 5 minutes.', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms('fr · Amazon', 'Amazon', '482913 est votre code de vérification Amazon. Ne le partagez avec personne.', {
    code: '482913',
    site: 'amazon.com',
  }),
  sms('fr · Doctolib', 'Doctolib', 'Doctolib : votre code de confirmation est 482913', { code: '482913' }),
  sms(
    'fr · banque 8 chiffres',
    '38015',
    'Crédit Agricole : votre code de sécurité est 48291365. Ne le communiquez jamais.',
    { code: '48291365' },
  ),
  sms('fr · leboncoin', 'leboncoin', 'leboncoin : 4829 est votre code de validation.', { code: '4829' }),
  sms('fr · expire dans', 'Vinted', 'Votre code Vinted : 482913. Il expire dans 10 minutes.', {
    code: '482913',
    ttlMs: minutes(10),
  }),
  sms('fr ✗ commande', 'Amazon', 'Votre commande n° 482913724 a été expédiée.', { code: null, site: 'amazon.com' }),
  sms('fr ✗ paiement', 'BANQUE', 'Paiement de 1 482,91 € accepté chez FNAC.', { code: null }),
  sms('fr ✗ code promo', 'Vinted', 'Code promo NOEL20 : -20% sur tout le site !', { code: null }),
  sms('fr ✗ livraison', 'Colissimo', 'Votre colis sera livré le 12/03 entre 9h et 13h.', { code: null }),
  sms('fr ✗ code postal', 'LaPoste', 'Votre code postal 75008 a été enregistré.', { code: null }),

  // German
  sms(
    'de · TikTok',
    'TikTok',
    '[TikTok] 482913 ist dein Bestätigungscode, gültig für 5 Minuten. Leite diesen Code nicht weiter.',
    { code: '482913', site: 'tiktok.com', ttlMs: minutes(5) },
  ),
  sms('de · Amazon Einmalkennwort', 'Amazon', '482913 ist Ihr Amazon-Einmalkennwort. Geben Sie es nicht weiter.', {
    code: '482913',
    site: 'amazon.com',
  }),
  sms(
    'de · mTAN mit Betrag',
    'Sparkasse',
    'Ihre mTAN für die Überweisung von 1.482,91 EUR an Max Mustermann lautet: 482913',
    { code: '482913' },
  ),
  sms('de · eBay Sicherheitscode', 'eBay', 'Dein Sicherheitscode für eBay: 482913', {
    code: '482913',
    site: 'ebay.com',
  }),
  sms('de · PayPal Anmeldecode', 'PayPal', 'Ihr Anmeldecode für PayPal lautet 482913. Gültig für 10 Minuten.', {
    code: '482913',
    site: 'paypal.com',
    ttlMs: minutes(10),
  }),
  sms('de · Code 3+3', 'N26', 'Dein N26 Code: 482 913. Er läuft in 5 Minuten ab.', {
    code: '482913',
    ttlMs: minutes(5),
  }),
  sms('de ✗ Bestellung', 'Amazon', 'Ihre Bestellung Nr. 302-4829137-5521934 wurde versandt.', {
    code: null,
    site: 'amazon.com',
  }),
  sms('de ✗ Rechnung', 'Telekom', 'Rechnung 2026-0042 über 49,99 € ist fällig.', { code: null }),
  sms('de ✗ Gutscheincode', 'Zalando', 'Gutscheincode: SOMMER20 – 20 % Rabatt auf alles!', { code: null }),
  sms('de ✗ Sendungsnummer', 'DHL', 'Ihre Sendungsnummer: 00340434482913740012', { code: null }),
  sms('de ✗ Termin', 'Praxis', 'Termin am 12.03.2026 um 14:30 Uhr bestätigt.', { code: null }),
  sms('de ✗ Postleitzahl', 'DHL', 'Ihre Postleitzahl 10115 wurde übernommen.', { code: null }),
];
