import AttnApp

extension Course {
    /// The course the program runs: every lesson, in the order a learner takes them.
    public static let standard = Course([
        WordsAsVectorsLesson(), FeaturesLesson(), DotProductLesson(), CosineLesson(), ScaledDotLesson(), SimilarityTableLesson(),
        WeightedAverageLesson(), SoftmaxLesson(), AttentionPullsLesson(), QueriesAndKeysLesson(), ValuesLesson(), MultiHeadLesson(),
        LearningEmbeddingsLesson(), SandboxLesson(),
    ])
}
