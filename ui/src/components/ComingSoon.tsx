// Placeholder body for a view whose feature has not landed yet: says what it will do.
export function ComingSoon({ features }: { features: readonly string[] }) {
  return (
    <section class="card card--muted" data-testid="coming-soon">
      <h2>Coming soon</h2>
      <ul>
        {features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
    </section>
  );
}
