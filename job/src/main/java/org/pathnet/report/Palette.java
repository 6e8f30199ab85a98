package org.pathnet.report;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.pathnet.experiment.Arm;

/** The report's colours and fonts, one per meaning, so that every chart shows an arm or a task alike. */
final class Palette {
  static final Color TASK_A = new Color(0x1f, 0x77, 0xb4);
  static final Color TASK_B = new Color(0xff, 0x7f, 0x0e);
  static final Color BOTH = new Color(0x7b, 0x3f, 0x9e);
  static final Color CHANCE = new Color(0x99, 0x99, 0x99);
  static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  static final Color INK = new Color(0x22, 0x22, 0x22);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  /** pathnet, scratch, denovo, finetune: in {@link Arm}'s order. */
  private static final List<Color> ARM_COLORS = List.of(new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c),
      new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd));

  private Palette() {}

  static Color armColor(String label) {
    return ARM_COLORS.get(Arm.fromLabel(label).ordinal());
  }
}
