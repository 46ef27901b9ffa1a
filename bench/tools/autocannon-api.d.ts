// The slice of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections: number;
    duration: number;
    method: string;
    headers: Record<string, string>;
    body: string;
  }
  interface Result {
    /** Seconds, to 10 ms. */
    duration: number;
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  /** The run's tracker: it emits `tick` once a second with the responses of that second, and resolves with the result. */
  interface Instance extends PromiseLike<Result> {
    on(event: 'tick', listener: (tick: { counter: number; bytes: number }) => void): Instance;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
