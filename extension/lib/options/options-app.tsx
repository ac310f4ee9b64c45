export function OptionsApp() {
  return <main>otp-relay options</main>;
}
