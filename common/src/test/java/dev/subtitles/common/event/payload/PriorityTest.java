package dev.subtitles.common.event.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PriorityTest {

    @Test
    void namesAreReadWhateverTheirCase() {
        assertThat(Priority.fromName("HIGH")).isEqualTo(Priority.HIGH);
        assertThat(Priority.fromName("Low")).isEqualTo(Priority.LOW);
        assertThat(Priority.fromName("normal")).isEqualTo(Priority.NORMAL);
    }

    @Test
    void anUnknownNameNamesTheAcceptedOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Priority.fromName("urgent"))
                .withMessage("unknown priority 'urgent', expected high, normal or low");
    }

    @Test
    void onlyHighAndLowHaveASuffix() {
        assertThat(Priority.HIGH.suffix()).isEqualTo(".high");
        assertThat(Priority.LOW.suffix()).isEqualTo(".low");
        assertThat(Priority.NORMAL.suffix()).isEmpty();
    }

    @Test
    void anAbsentPriorityIsNormal() {
        assertThat(Priority.orNormal(null)).isEqualTo(Priority.NORMAL);
        assertThat(Priority.orNormal(Priority.LOW)).isEqualTo(Priority.LOW);
    }
}
