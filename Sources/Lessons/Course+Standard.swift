// SPDX-License-Identifier: Apache-2.0

import AttnApp

extension Course {
    /// The course the program runs: every lesson, in the order a learner takes them.
    public static let standard = Course([
        WordsAsVectorsLesson(), FeaturesLesson(), DotProductLesson(), CosineLesson(), SimilarityTableLesson(), WeightedAverageLesson(),
        // Softmax before the scaled dot product: the scaled dot's point is what softmax does with big scores.
        SoftmaxLesson(), ScaledDotLesson(), AttentionPullsLesson(), QueriesAndKeysLesson(), ValuesLesson(), MultiHeadLesson(),
        // Before the capstone: what a transformer adds around attention (order, the mask, the block).
        PositionLesson(), CausalMaskLesson(), BlockLesson(),
        LearningEmbeddingsLesson(), TinyTransformerLesson(), SandboxLesson(),
    ])
}
