package dev.subtitles.translator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.subtitles.common.format.Cue;
import dev.subtitles.common.format.Subtitle;

/**
 * A feature film's worth of English cues (about 1,500 over two hours), made from everyday dialogue lines, with the
 * mix of styling real subtitles have: two-line cues, italics, dialogue dashes, positioned cues. Seeded, so every run
 * translates the same film.
 */
final class FilmSubtitle {

    private static final String[] LINES = {
            "Where were you last night?", "I told you, I was at work.", "We have to leave before it gets dark.",
            "Nobody knows what happened to the money.", "Can you hear me?", "I don't think this is a good idea.",
            "The train leaves at eight in the morning.", "She said she would call me back.",
            "Look at the size of that house!", "We should have stayed at home.", "I am not afraid of you.",
            "Give me the keys, please.", "The doctor will see you now.", "It was the best day of my life.",
            "Why did you lie to me?", "They found the car near the river.", "I have never seen anything like it.",
            "Let's go, we are late.", "My father built this town with his hands.", "Do you want something to eat?",
            "The police are on their way.", "I think someone is following us.", "Thank you for everything.",
            "This is the last time I help you.", "He works in a small shop on the corner.",
            "The children are sleeping upstairs.", "You can't stay here tonight.", "What time is it?",
            "I will wait for you at the station.", "Everybody thinks the old man is crazy." };

    private FilmSubtitle() {
    }

    static Subtitle generate(int cueCount) {
        Random random = new Random(42);
        List<Cue> cues = new ArrayList<>(cueCount);
        Duration start = Duration.ofSeconds(5);
        for (int index = 1; index <= cueCount; index++) {
            Duration end = start.plusMillis(1_500 + random.nextInt(2_500));
            cues.add(new Cue(index, start, end, lines(random)));
            start = end.plusMillis(200 + random.nextInt(1_500));
        }
        return new Subtitle(cues);
    }

    private static List<String> lines(Random random) {
        String first = LINES[random.nextInt(LINES.length)];
        String second = LINES[random.nextInt(LINES.length)];
        int kind = random.nextInt(20);
        if (kind < 2) {
            return List.of("- " + first, "- " + second);
        }
        if (kind < 4) {
            return List.of("<i>" + first + "</i>");
        }
        if (kind == 4) {
            return List.of("{\\an8}" + first);
        }
        if (kind < 11) {
            String[] words = (first + " " + second).split(" ");
            int middle = words.length / 2;
            return List.of(String.join(" ", List.of(words).subList(0, middle)),
                    String.join(" ", List.of(words).subList(middle, words.length)));
        }
        return List.of(first);
    }
}
