import AttnApp

extension Course {
    /// The course the program runs: every lesson, in the order a learner takes them.
    public static let standard = Course([
        WordsAsVectorsLesson(), FeaturesLesson(), DotProductLesson(), CosineLesson(), SimilarityTableLesson(), WeightedAverageLesson(),
        // Softmax before the scaled dot product: the scaled dot's point is what softmax does with big scores.
        SoftmaxLesson(), ScaledDotLesson(), AttentionPullsLesson(), QueriesAndKeysLesson(), ValuesLesson(), MultiHeadLesson(),
        LearningEmbeddingsLesson(), TinyTransformerLesson(), SandboxLesson(),
    ])
}
