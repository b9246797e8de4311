"""The PyTorch reference of `make bench`: a BiLSTM-CRF of the toolkit's default shape, timed.

The network: word vectors (100), a character BiLSTM (25-dimensional characters, 25 units each
way, its final states), a word BiLSTM (100 units each way), emission scores, a linear-chain CRF
with BIO constraints, and an intent head over max-pooled outputs: the toolkit's default
architecture (models/atis-en/config.json). Weights are random: speed does not depend on them.

Prints, like the toolkit's own bench, tokens per second one utterance at a time on 1 thread (text
split on spaces, ids, network, Viterbi, intent), batched (batches of 64 padded sentences) on 1
and on THREADS threads, seconds for one training epoch (batches of 10, Adam, CRF negative
log-likelihood plus intent cross-entropy) on THREADS threads, the time `import torch` took and
the process's peak resident memory. The toolkit also computes per-token and per-slot
confidences (forward-backward), which this reference does not: the comparison favours it.

Usage: python bench_pytorch.py --train corpora/atis/train.conll --test corpora/atis/test.conll
"""
import argparse
import resource
import sys
import time
import warnings

# torch warns at import when NumPy is absent; nothing here needs NumPy.
warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
started = time.perf_counter()
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - started


def read_conll(path):
    """(tokens, labels, intent) per sentence of a `token<TAB>label` file with `# intent = NAME` lines."""
    sentences, tokens, labels, intent = [], [], [], None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# intent = "):
                intent = line[len("# intent = "):]
            elif not line.strip():
                if tokens:
                    sentences.append((tokens, labels, intent))
                tokens, labels, intent = [], [], None
            elif not line.startswith("#"):
                word, label = line.split("\t")[:2]
                tokens.append(word)
                labels.append(label)
    if tokens:
        sentences.append((tokens, labels, intent))
    return sentences


def word_key(word):
    """The toolkit's word normalisation: lower case, digits as 0."""
    return "".join("0" if c.isdigit() else c for c in word.lower())


class Index:
    """Ids of words, characters, labels and intents; 0 is padding, 1 the unknown entry."""

    def __init__(self, sentences):
        self.words = {"<pad>": 0, "<unk>": 1}
        self.characters = {"<pad>": 0, "<unk>": 1}
        self.labels, self.intents = {}, {}
        for tokens, labels, intent in sentences:
            for token in tokens:
                self.words.setdefault(word_key(token), len(self.words))
                for c in token.lower():
                    self.characters.setdefault(c, len(self.characters))
            for label in labels:
                self.labels.setdefault(label, len(self.labels))
            self.intents.setdefault(intent, len(self.intents))

    def encode(self, tokens):
        words = torch.tensor([self.words.get(word_key(t), 1) for t in tokens])
        characters = [torch.tensor([self.characters.get(c, 1) for c in t.lower()] or [1]) for t in tokens]
        return words, characters

    def allowed(self):
        """BIO constraints: may label j follow label i, may j start a sentence."""
        names = sorted(self.labels, key=self.labels.get)
        def inside_of(name):
            return name[2:] if name.startswith("I-") else None
        follows = torch.tensor([[inside_of(b) is None or a[2:] == inside_of(b) and a[:2] in ("B-", "I-")
                                 for b in names] for a in names])
        starts = torch.tensor([inside_of(name) is None for name in names])
        return follows, starts


class Tagger(nn.Module):
    def __init__(self, index, word_dim=100, char_dim=25, char_hidden=25, hidden=100):
        super().__init__()
        labels, intents = len(index.labels), len(index.intents)
        self.words = nn.Embedding(len(index.words), word_dim, padding_idx=0)
        self.characters = nn.Embedding(len(index.characters), char_dim, padding_idx=0)
        self.char_lstm = nn.LSTM(char_dim, char_hidden, batch_first=True, bidirectional=True)
        self.lstm = nn.LSTM(word_dim + 2 * char_hidden, hidden, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.5)
        self.emissions = nn.Linear(2 * hidden, labels)
        self.intent = nn.Linear(4 * hidden, intents)
        self.transitions = nn.Parameter(torch.zeros(labels, labels))
        self.start = nn.Parameter(torch.zeros(labels))
        self.end = nn.Parameter(torch.zeros(labels))
        follows, starts = index.allowed()
        self.register_buffer("forbidden", (~follows).float() * -1e4)
        self.register_buffer("forbidden_start", (~starts).float() * -1e4)

    def features(self, words, characters, lengths):
        """Emission scores (B × T × L) and intent logits (B × I) of padded sentences."""
        flat = [c for sentence in characters for c in sentence]
        char_lengths = torch.tensor([len(c) for c in flat])
        packed = pack_padded_sequence(self.characters(pad_sequence(flat, batch_first=True)), char_lengths,
                                      batch_first=True, enforce_sorted=False)
        _, (final, _) = self.char_lstm(packed)
        char_features = torch.cat([final[0], final[1]], dim=1)
        rows = torch.split(char_features, [len(s) for s in characters])
        inputs = torch.cat([self.words(words), pad_sequence(list(rows), batch_first=True)], dim=2)
        packed = pack_padded_sequence(self.dropout(inputs), lengths, batch_first=True, enforce_sorted=False)
        output, (final, _) = self.lstm(packed)
        output, _ = pad_packed_sequence(output, batch_first=True)
        mask = torch.arange(output.shape[1])[None, :] < lengths[:, None]
        pooled = output.masked_fill(~mask[:, :, None], -1e4).max(dim=1).values
        intent = self.intent(self.dropout(torch.cat([final[0], final[1], pooled], dim=1)))
        return self.emissions(self.dropout(output)), intent, mask

    def viterbi(self, emissions, mask):
        transitions = self.transitions + self.forbidden
        score = self.start + self.forbidden_start + emissions[:, 0]
        pointers = []
        for t in range(1, emissions.shape[1]):
            best, pointer = (score[:, :, None] + transitions[None]).max(dim=1)
            step = best + emissions[:, t]
            score = torch.where(mask[:, t, None], step, score)
            pointers.append(pointer)
        score = score + self.end
        paths = []
        for b, length in enumerate(mask.sum(dim=1).tolist()):
            label = int(score[b].argmax())
            path = [label]
            for t in range(length - 1, 0, -1):
                label = int(pointers[t - 1][b, label])
                path.append(label)
            paths.append(path[::-1])
        return paths

    def nll(self, emissions, mask, labels):
        """The CRF's negative log-likelihood of the gold labels, summed over the batch."""
        transitions = self.transitions + self.forbidden
        alpha = self.start + self.forbidden_start + emissions[:, 0]
        gold = (self.start + self.forbidden_start)[labels[:, 0]] + emissions[:, 0].gather(1, labels[:, :1]).squeeze(1)
        for t in range(1, emissions.shape[1]):
            step = torch.logsumexp(alpha[:, :, None] + transitions[None], dim=1) + emissions[:, t]
            alpha = torch.where(mask[:, t, None], step, alpha)
            gain = transitions[labels[:, t - 1], labels[:, t]] + emissions[:, t].gather(1, labels[:, t:t + 1]).squeeze(1)
            gold = gold + gain * mask[:, t]
        last = labels.gather(1, (mask.sum(dim=1) - 1)[:, None]).squeeze(1)
        return (torch.logsumexp(alpha + self.end, dim=1) - gold - self.end[last]).sum()


def batch_inputs(index, token_lists):
    encoded = [index.encode(tokens) for tokens in token_lists]
    words = pad_sequence([w for w, _ in encoded], batch_first=True)
    return words, [c for _, c in encoded], torch.tensor([len(t) for t in token_lists])


def tag(model, index, token_lists):
    words, characters, lengths = batch_inputs(index, token_lists)
    emissions, intent, mask = model.features(words, characters, lengths)
    return model.viterbi(emissions, mask), intent.argmax(dim=1).tolist()


def timed(seconds, body):
    """Calls body (which returns a token count) until `seconds` pass: tokens per second."""
    tokens, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        tokens += body()
    return tokens / (time.perf_counter() - start)


def fail(message, status):
    """One line on standard error and a sysexits status (65 bad data, 66 missing input)."""
    print(f"bench_pytorch.py: {message}", file=sys.stderr)
    sys.exit(status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="CoNLL training corpus (vocabulary, labels, training epoch)")
    parser.add_argument("--test", required=True, help="CoNLL corpus whose sentences are tagged")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per tagging measurement")
    parser.add_argument("--threads", type=int, default=2, help="threads of the batched and training figures")
    parser.add_argument("--no-epoch", action="store_true", help="skip the training epoch")
    # A usage error exits 64 (EX_USAGE), as the toolkit's commands do, not argparse's 2.
    parser.error = lambda message: fail(message, 64)
    args = parser.parse_args()
    if not 0 < args.seconds <= 3600:
        fail(f"--seconds is {args.seconds} but must be more than 0 and at most 3600", 64)
    if not 1 <= args.threads <= 256:
        fail(f"--threads is {args.threads} but must be between 1 and 256", 64)
    try:
        train, test = read_conll(args.train), read_conll(args.test)
    except OSError as error:
        fail(f"cannot read {error.filename}: {error.strerror}", 66)
    except ValueError:
        fail("a corpus line is not token<TAB>label", 65)
    if not train or not test:
        fail("a corpus has no sentences", 65)
    torch.manual_seed(1)
    index = Index(train)
    model = Tagger(index)
    sentences = [tokens for tokens, _, _ in test]
    texts = [" ".join(tokens) for tokens in sentences]
    print(f"PyTorch {torch.__version__} BiLSTM-CRF of the toolkit's shape on {args.test}, tokens/s:")

    model.eval()
    with torch.inference_mode():
        torch.set_num_threads(1)
        position = 0

        def one():
            nonlocal position
            tokens = texts[position % len(texts)].split()
            position += 1
            tag(model, index, [tokens])
            return len(tokens)
        print(f"  {'one utterance at a time, 1 thread:':<36}{timed(args.seconds, one):8.0f}")
        start = 0

        def batched():
            nonlocal start
            chunk = [sentences[(start + i) % len(sentences)] for i in range(64)]
            start += 64
            tag(model, index, chunk)
            return sum(len(s) for s in chunk)
        for threads in sorted({1, args.threads}):
            torch.set_num_threads(threads)
            label = f"batched (64), {threads} thread{'s' if threads > 1 else ''}:"
            print(f"  {label:<36}{timed(args.seconds, batched):8.0f}")

    if not args.no_epoch:
        model.train()
        torch.set_num_threads(args.threads)
        optimiser = torch.optim.Adam(model.parameters(), lr=0.002)
        order = torch.randperm(len(train)).tolist()
        epoch_start = time.perf_counter()
        for first in range(0, len(order), 10):
            batch = [train[i] for i in order[first:first + 10]]
            words, characters, lengths = batch_inputs(index, [tokens for tokens, _, _ in batch])
            labels = pad_sequence([torch.tensor([index.labels[label] for label in labels]) for _, labels, _ in batch],
                                  batch_first=True)
            intents = torch.tensor([index.intents[intent] for _, _, intent in batch])
            emissions, intent, mask = model.features(words, characters, lengths)
            loss = model.nll(emissions, mask, labels) + 2 * nn.functional.cross_entropy(intent, intents, reduction="sum")
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
        print(f"  one training epoch of {args.train} (batches of 10), {args.threads} thread(s): "
              f"{time.perf_counter() - epoch_start:.1f} s")
    print(f"  import torch: {IMPORT_SECONDS:.2f} s; peak resident memory: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
